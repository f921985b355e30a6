// The staff book is saved in IndexedDB (IDBFS + src/store): an edit survives a reload, and a
// second tab of the same browser profile is read-only while the first one holds the writer lock.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, screenshot, state, dispatch, staffWithFixture } from './harness.mjs';

let server, chrome;
before(async () => { server = await startServer(); chrome = await launch(); });
after(async () => { await chrome?.close(); await server?.close(); });

const saved = (page) => page.waitForFunction(() => {
  const st = window.portal.state().storage;
  return st.loaded && !st.saving && st.last_saved_seq === st.last_seq;
}, null, { timeout: 30000 });

test('a staff edit survives a reload; a second tab is read-only', async () => {
  const { page, context, errors } = await openApp(chrome.browser, server.url);
  let s = await state(page);
  assert.equal(s.storage.enabled, true);
  assert.equal(s.storage.loaded, true);
  assert.equal(s.storage.read_only, false);
  await staffWithFixture(page);
  await saved(page);
  s = await state(page);
  assert.ok(s.storage.snapshots >= 1, 'the import is snapshotted');
  const org = s.orgs.rows[0];
  const r = await dispatch(page, { type: 'org.update', id: org.id, set: { name: 'Persisted Name Ltd' } });
  assert.equal(r.ok, true, JSON.stringify(r));
  const seq = s.storage.last_seq;
  s = await state(page);
  assert.equal(s.storage.last_seq, seq + 1, 'one journal entry per action');
  await saved(page);
  const audit = (await state(page)).book.audit;

  await page.reload();
  await page.waitForFunction(() => window.PortalPage?.isReady && window.portal.state().storage.loaded, null, { timeout: 60000 });
  await dispatch(page, { type: 'ui.staff', on: true });
  await dispatch(page, { type: 'filter.set', field: 'text', value: 'persisted name' });
  s = await state(page);
  assert.equal(s.book.organisations, 40);
  assert.equal(s.book.audit, audit);
  assert.equal(s.orgs.count, 1);
  assert.equal(s.orgs.rows[0].id, org.id);
  assert.equal(s.storage.read_only, false, 'the reloaded tab got the lock back');

  // A second tab: same profile (same IndexedDB), the lock is taken.
  const second = await context.newPage();
  await second.goto(server.url);
  await second.waitForFunction(() => window.PortalPage?.isReady && window.portal.state().storage.loaded, null, { timeout: 60000 });
  await dispatch(second, { type: 'ui.staff', on: true });
  let t = await state(second);
  assert.equal(t.storage.read_only, true);
  assert.equal(t.book.organisations, 40, 'it still shows the saved book');
  const refused = await dispatch(second, { type: 'org.update', id: org.id, set: { name: 'Other tab' } });
  assert.equal(refused.ok, false);
  assert.match(refused.error, /read-only/);
  await dispatch(second, { type: 'ui.navigate', screen: 'settings' });
  await screenshot(second, 'persistence-read-only');

  await dispatch(page, { type: 'ui.navigate', screen: 'settings' });
  s = await state(page);
  assert.ok(s.storage.quota_bytes > 0, 'storage estimate shown');
  await screenshot(page, 'persistence-settings');
  assert.deepEqual(errors, []);
  await context.close();
});

test('restoring a snapshot brings back the book it holds', async () => {
  const { page, context } = await openApp(chrome.browser, server.url);
  await staffWithFixture(page);
  await saved(page);
  const before = await state(page);
  const id = before.storage.snapshots;  // the import's snapshot (the newest; ids start at 1)
  const org = before.orgs.rows[0];
  let r = await dispatch(page, { type: 'org.update', id: org.id, set: { name: 'Renamed Then Restored' } });
  assert.equal(r.ok, true, JSON.stringify(r));
  r = await dispatch(page, { type: 'storage.restore', id });
  assert.equal(r.ok, true, JSON.stringify(r));
  await saved(page);
  await page.reload();
  await page.waitForFunction(() => window.PortalPage?.isReady && window.portal.state().storage.loaded, null, { timeout: 60000 });
  await dispatch(page, { type: 'ui.staff', on: true });
  await dispatch(page, { type: 'filter.set', field: 'text', value: 'renamed then restored' });
  const s = await state(page);
  assert.equal(s.book.organisations, 40);
  assert.equal(s.orgs.count, 0, 'the rename is undone by the restore');
  // Older snapshots are read from IndexedDB after the book opened: all of them are listed soon,
  // and the oldest can be restored again.
  await page.waitForFunction((n) => window.portal.state().storage.snapshots === n, before.storage.snapshots + 1, { timeout: 20000 });
  r = await dispatch(page, { type: 'storage.restore', id: 1 });
  assert.equal(r.ok, true, JSON.stringify(r));
  await context.close();
});

const reopened = async (page) => {
  await page.waitForFunction(() => window.PortalPage?.isReady && window.portal.state().storage.loaded, null, { timeout: 60000 });
  await dispatch(page, { type: 'ui.staff', on: true });
  return state(page);
};

test('many actions across several small journal files reload exactly; each flush writes only what changed', async () => {
  const { page, context, errors } = await openApp(chrome.browser, server.url);
  await staffWithFixture(page);
  await saved(page);
  const ids = (await state(page)).orgs.rows.map((r) => r.id);
  const filesBefore = await page.evaluate(() => Object.keys(window.PortalStorage.known).filter((p) => /journal-/.test(p)).length);
  const written = [];
  for (let i = 0; i < 120; ++i) {
    const r = await dispatch(page, { type: 'org.update', id: ids[i % ids.length], set: { notes: `note ${i} `.repeat(30) } });
    assert.equal(r.ok, true, JSON.stringify(r));
    if (i % 10 === 9) {
      await saved(page);
      written.push(await page.evaluate(() => window.PortalStorage.lastFlushFiles));
    }
  }
  await saved(page);
  const before = await state(page);
  const files = await page.evaluate(() => Object.keys(window.PortalStorage.known).filter((p) => /journal-/.test(p)).length);
  assert.ok(files >= filesBefore + 2, `the journal continued in new small files (${filesBefore} -> ${files})`);
  // A flush puts the journal file being appended (and a new one when it starts), never the snapshot.
  assert.ok(written.every((n) => n >= 1 && n <= 3), `files per flush: ${written}`);
  await page.reload();
  const after = await reopened(page);
  assert.equal(after.storage.last_seq, before.storage.last_seq);
  assert.deepEqual(after.storage.warnings, []);
  assert.equal(after.book.audit, before.book.audit);
  for (const i of [100, 119]) {  // the last note of two organisations
    await dispatch(page, { type: 'org.select', id: ids[i % ids.length] });
    assert.equal((await state(page)).editor.draft.notes, `note ${i} `.repeat(30));
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('a tab closed right after an action keeps every action whose flush finished, and opens cleanly', async () => {
  const { page, context } = await openApp(chrome.browser, server.url);
  await staffWithFixture(page);
  await saved(page);
  const ids = (await state(page)).orgs.rows.map((r) => r.id);
  await dispatch(page, { type: 'org.update', id: ids[0], set: { name: 'Saved For Sure' } });
  await saved(page);
  const committed = (await state(page)).storage.last_seq;
  // More actions, and the tab closes at once: their flush may or may not have reached IndexedDB.
  const last = await page.evaluate((ids) => {
    for (let i = 1; i <= 5; ++i) window.portal.dispatch({ type: 'org.update', id: ids[i], set: { name: 'In Flight ' + i } });
    return window.portal.state().storage.last_seq;
  }, ids);
  await page.close({ runBeforeUnload: false });
  const next = await context.newPage();
  await next.goto(server.url);
  const s = await reopened(next);
  assert.ok(s.storage.last_seq >= committed && s.storage.last_seq <= last, `${committed} <= ${s.storage.last_seq} <= ${last}`);
  assert.deepEqual(s.storage.warnings, [], 'a whole transaction or none: no torn journal');
  await dispatch(next, { type: 'filter.set', field: 'text', value: 'saved for sure' });
  assert.equal((await state(next)).orgs.count, 1);
  await context.close();
});

test('when the writer tab closes, the waiting tab reloads what it saved and becomes the writer', async () => {
  const { page, context } = await openApp(chrome.browser, server.url);
  await staffWithFixture(page);
  await saved(page);
  const second = await context.newPage();
  await second.goto(server.url);
  let t = await reopened(second);
  assert.equal(t.storage.read_only, true);
  const ids = (await state(page)).orgs.rows.map((r) => r.id);
  for (let i = 0; i < 3; ++i) await dispatch(page, { type: 'org.update', id: ids[i], set: { name: 'From The First Tab ' + i } });
  await saved(page);
  const seq = (await state(page)).storage.last_seq;
  await page.close();
  await second.waitForFunction(() => !window.portal.state().storage.read_only, null, { timeout: 30000 });
  t = await state(second);
  assert.equal(t.storage.last_seq, seq);
  await dispatch(second, { type: 'filter.set', field: 'text', value: 'from the first tab' });
  assert.equal((await state(second)).orgs.count, 3);
  const r = await dispatch(second, { type: 'org.update', id: ids[5], set: { name: 'Now Written Here' } });
  assert.equal(r.ok, true, JSON.stringify(r));
  await saved(second);
  await second.reload();
  await reopened(second);
  await dispatch(second, { type: 'filter.set', field: 'text', value: 'now written here' });
  assert.equal((await state(second)).orgs.count, 1);
  await context.close();
});
