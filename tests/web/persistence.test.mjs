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
  await context.close();
});
