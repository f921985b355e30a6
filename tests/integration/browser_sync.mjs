// The browser app syncing with a real Apache + mod_dav (started by browser_sync.sh, which
// exports PORTAL_HOST_URL, PORTAL_CLI, PORTAL_TMP and how to restart Apache). Two browser
// contexts are two browsers: each has its own IndexedDB, so its own book and sync base.
// The steps build on each other, in order:
//   first push from A (read by portal-cli), pull in B; different records edited in A and B merge
//   without loss; the same field edited in both is a conflict decided in B's UI (clicks); a book
//   pushed by portal-cli arrives in the browser; wrong passphrase; 401 without credentials; the
//   host stopped (offline message, the change kept) and restarted (the change goes out); an
//   automatic sync after a change; a reload keeps the sync base.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { startServer, launch, openApp, state, dispatch, click, screenshot, settle } from '../web/harness.mjs';

const HOST = process.env.PORTAL_HOST_URL;
const CLI = process.env.PORTAL_CLI;
const T = process.env.PORTAL_TMP;
const PASSPHRASE = 'a long shared passphrase';
const FIXTURE = readFileSync(new URL('../web/fixtures/book.json', import.meta.url), 'utf8');

// [SECTION] Apache: stopped and started again by the test (the host going away)
function stopApache() {
  const pidFile = path.join(process.env.PORTAL_RUN, 'httpd.pid');
  const pid = Number(readFileSync(pidFile, 'utf8'));
  process.kill(pid, 'SIGTERM');
  const end = Date.now() + 10000;
  while (Date.now() < end) {
    try { process.kill(pid, 0); } catch { return; }
    spawnSync('sleep', ['0.05']);
  }
  throw new Error('apache did not stop');
}
function startApache() {
  const defs = (process.env.PORTAL_APACHE_DEFS || '').split(' ').filter(Boolean);
  execFileSync(process.env.PORTAL_APACHE, ['-f', process.env.PORTAL_APACHE_CONF, ...defs, '-k', 'start']);
  for (let i = 0; i < 100; ++i) {
    if (spawnSync('curl', ['-s', '-o', '/dev/null', HOST]).status === 0) return;
    spawnSync('sleep', ['0.05']);
  }
  throw new Error('apache did not come back');
}

// [SECTION] portal-cli as a third client
mkdirSync(path.join(T, 'cli'), { recursive: true });
writeFileSync(path.join(T, 'phrase'), PASSPHRASE + '\n');
writeFileSync(path.join(T, 'pw'), 'secret-pw-1\n');
function cliSync(...extra) {
  const r = spawnSync(CLI, ['sync', '--book', path.join(T, 'cli/book.json'), '--url', HOST, '--passphrase-file',
    path.join(T, 'phrase'), '--user', 'alice', '--password-file', path.join(T, 'pw'), '--on', '2026-11-22',
    '--retries', '2', '--timeout', '10', ...extra], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}
const cliBook = () => JSON.parse(readFileSync(path.join(T, 'cli/book.json'), 'utf8'));
const cliOrg = (id) => cliBook().organisations.find((o) => o.id === id);

// [SECTION] Browser helpers
// The sync's own requests to an empty or stopped host show as console errors (404, refused):
// expected here; anything else is a failure.
const expected = /Failed to load resource|net::ERR_CONNECTION_REFUSED|status of 40[14]|Failed to fetch/;
const unexpected = (errors) => errors.filter((e) => !expected.test(e));

async function staffApp(browser, url, { fixture = false, credentials = true, passphrase = PASSPHRASE } = {}) {
  const app = await openApp(browser, url);
  const { page } = app;
  await dispatch(page, { type: 'ui.staff', on: true });
  await dispatch(page, { type: 'settings.set', field: 'today', value: '2026-11-22' });
  await dispatch(page, { type: 'sync.auto', on: false });  // each step below starts its sync itself
  if (fixture) {
    const r = await page.evaluate((t) => window.portal.importText('book.json', t), FIXTURE);
    assert.ok(r.ok, 'fixture import');
  }
  assert.ok((await dispatch(page, { type: 'settings.set', field: 'host_url', value: HOST })).ok);
  if (credentials) await dispatch(page, { type: 'sync.credentials', user: 'alice', password: 'secret-pw-1' });
  if (passphrase) await dispatch(page, { type: 'sync.passphrase', value: passphrase });
  return app;
}

// Starts a sync (unless one is running already) and waits until it ends or asks for decisions.
async function sync(page, start = true) {
  if (start) {
    const r = await dispatch(page, { type: 'sync.start' });
    assert.ok(r.ok, `sync.start refused: ${r.error}`);
  }
  await page.waitForFunction(() => window.portal.state().sync.status !== 'running', null, { timeout: 60000 });
  return (await state(page)).sync;
}

async function orgName(page, id) {
  assert.ok((await dispatch(page, { type: 'org.select', id })).ok);
  return (await state(page)).editor.draft.name;
}
const rename = (page, id, name) => dispatch(page, { type: 'org.update', id, set: { name } });

// No secret may ever show in portal.state().
async function noSecrets(page) {
  const text = JSON.stringify(await state(page));
  for (const secret of ['secret-pw-1', PASSPHRASE, 'wrong phrase']) assert.ok(!text.includes(secret), `state() shows "${secret}"`);
}

test('browser sync with Apache mod_dav', { timeout: 600000 }, async (t) => {
  const server = await startServer();
  const { browser, close } = await launch();
  const apps = [];
  try {
    const A = await staffApp(browser, server.url, { fixture: true });
    apps.push(A);
    const X = 'org-0001', Y = 'org-0002';

    await t.test('first push from browser A, read by portal-cli', async () => {
      const s = await sync(A.page);
      assert.equal(s.status, 'done', s.message);
      assert.match(s.message, /went to the host/);
      const env = JSON.parse(readFileSync(path.join(process.env.PORTAL_ROOT, 'book.enc.json'), 'utf8'));
      assert.equal(env.schema, 'portal-envelope/1');
      assert.equal(env.kdf.iterations, 600000);
      assert.equal(env.compression, 'deflate-raw', 'the browser compresses the book (CompressionStream)');
      assert.ok(env.lineage && env.lineage.version, 'the engine adds the lineage');
      assert.ok(!readFileSync(path.join(process.env.PORTAL_ROOT, 'book.enc.json'), 'utf8').includes(await orgName(A.page, X)),
        'the book went out encrypted');
      const r = cliSync('--no-publish');
      assert.equal(r.code, 0, r.out);
      assert.equal(cliBook().organisations.length, JSON.parse(FIXTURE).organisations.length);
      assert.equal(cliOrg(X).name, await orgName(A.page, X));
      await noSecrets(A.page);
      // public.json was published beside the book, without a private field.
      const pub = JSON.parse(readFileSync(path.join(process.env.PORTAL_ROOT, 'public.json'), 'utf8'));
      assert.equal(pub.schema, 'portal-public/1');
      assert.ok(!JSON.stringify(pub).includes('"contacts"'));
    });

    const B = await staffApp(browser, server.url);
    apps.push(B);
    await t.test('pull in browser B (its own IndexedDB)', async () => {
      assert.equal((await state(B.page)).book.organisations, 0);
      const s = await sync(B.page);
      assert.equal(s.status, 'done', s.message);
      assert.equal((await state(B.page)).book.organisations, JSON.parse(FIXTURE).organisations.length);
      assert.equal(await orgName(B.page, Y), await orgName(A.page, Y));
      const st = await state(B.page);
      assert.match(st.sync.catalog_note, /^Catalog from .*public\.json/);
    });

    await t.test('different records edited in A and B merge without loss', async () => {
      assert.ok((await rename(A.page, X, 'Edited in A')).ok);
      assert.ok((await rename(B.page, Y, 'Edited in B')).ok);
      assert.equal((await sync(A.page)).status, 'done');
      const s = await sync(B.page);
      assert.equal(s.status, 'done', s.message);
      assert.equal((await sync(A.page)).status, 'done');
      for (const app of [A, B]) {
        assert.equal(await orgName(app.page, X), 'Edited in A');
        assert.equal(await orgName(app.page, Y), 'Edited in B');
      }
    });

    await t.test('the same field edited in both: a conflict decided in the UI', async () => {
      assert.ok((await rename(A.page, X, 'Name from A')).ok);
      assert.ok((await rename(B.page, X, 'Name from B')).ok);
      assert.equal((await sync(A.page)).status, 'done');
      const s = await sync(B.page);
      assert.equal(s.status, 'decide', s.message);
      const c = s.conflicts.find((k) => k.key === `organisations/${X}/name`);
      assert.ok(c, JSON.stringify(s.conflicts));
      assert.equal(c.mine, 'Name from B');
      assert.equal(c.theirs, 'Name from A');
      assert.equal(c.base, 'Edited in A');
      assert.equal((await state(B.page)).screen, 'settings');
      // Book changes wait while decisions are open.
      assert.equal((await rename(B.page, Y, 'blocked')).ok, false);
      await screenshot(B.page, 'sync-conflict');
      for (const other of s.conflicts.filter((k) => k !== c)) await dispatch(B.page, { type: 'sync.decide', key: other.key, take: 'theirs' });
      await click(B.page, `Take theirs##${c.key}`);
      assert.equal((await state(B.page)).sync.conflicts.find((k) => k.key === c.key).decided, 'theirs');
      await click(B.page, 'Resume sync');
      const done = await sync(B.page, false);
      assert.equal(done.status, 'done', done.message);
      assert.equal(await orgName(B.page, X), 'Name from A');
      await settle(B.page);
      await screenshot(B.page, 'sync-done');
    });

    await t.test('giving up leaves everything unchanged', async () => {
      assert.ok((await rename(A.page, Y, 'Y from A')).ok);
      assert.ok((await rename(B.page, Y, 'Y from B')).ok);
      assert.equal((await sync(A.page)).status, 'done');
      const hostBefore = readFileSync(path.join(process.env.PORTAL_ROOT, 'book.enc.json'), 'utf8');
      assert.equal((await sync(B.page)).status, 'decide');
      assert.ok((await dispatch(B.page, { type: 'sync.cancel' })).ok);
      const s = (await state(B.page)).sync;
      assert.equal(s.status, 'failed');
      assert.equal(s.failure, 'conflicts');
      assert.equal(await orgName(B.page, Y), 'Y from B');
      assert.equal(readFileSync(path.join(process.env.PORTAL_ROOT, 'book.enc.json'), 'utf8'), hostBefore);
      // Settle it for the next steps: keep the host's value.
      assert.equal((await sync(B.page)).status, 'decide');
      await dispatch(B.page, { type: 'sync.decide_all', take: 'theirs' });
      await dispatch(B.page, { type: 'sync.resume' });
      assert.equal((await sync(B.page, false)).status, 'done');
    });

    await t.test('a book pushed by portal-cli arrives in the browser', async () => {
      let r = cliSync('--no-publish');
      assert.equal(r.code, 0, r.out);
      assert.equal(cliOrg(X).name, 'Name from A');
      const book = cliBook();
      book.organisations.find((o) => o.id === Y).name = 'Edited by the CLI';
      writeFileSync(path.join(T, 'cli/book.json'), JSON.stringify(book));
      r = cliSync('--no-publish');
      assert.equal(r.code, 0, r.out);
      const s = await sync(A.page);
      assert.equal(s.status, 'done', s.message);
      assert.equal(await orgName(A.page, Y), 'Edited by the CLI');
    });

    const C = await staffApp(browser, server.url, { credentials: false, passphrase: 'wrong phrase' });
    apps.push(C);
    await t.test('wrong passphrase: a clear message, nothing changed', async () => {
      const s = await sync(C.page);
      assert.equal(s.status, 'failed');
      assert.equal(s.failure, 'crypto');
      assert.match(s.message, /wrong passphrase/);
      assert.equal((await state(C.page)).book.organisations, 0);
      await noSecrets(C.page);
    });

    await t.test('401 without credentials: explained, the change kept', async () => {
      await dispatch(C.page, { type: 'sync.passphrase', value: PASSPHRASE });
      assert.equal((await sync(C.page)).status, 'done');  // reading needs no credentials
      assert.ok((await rename(C.page, X, 'Edited in C')).ok);
      const s = await sync(C.page);
      assert.equal(s.status, 'failed');
      assert.equal(s.failure, 'auth');
      assert.match(s.message, /401/);
      assert.match(s.message, /user name and password/);
      assert.equal(s.pending, true);
      assert.equal(await orgName(C.page, X), 'Edited in C');
      await screenshot(C.page, 'sync-401');
    });

    await t.test('host stopped: offline message, the change goes out after restart', async () => {
      stopApache();
      assert.ok((await rename(A.page, X, 'Written while the host was away')).ok);
      const s = await sync(A.page);
      assert.equal(s.status, 'failed');
      assert.equal(s.failure, 'offline');
      assert.match(s.message, /cannot be reached/);
      assert.equal(s.pending, true);
      startApache();
      const again = await sync(A.page);
      assert.equal(again.status, 'done', again.message);
      assert.equal(again.pending, false);
      const r = cliSync('--no-publish');
      assert.equal(r.code, 0, r.out);
      assert.equal(cliOrg(X).name, 'Written while the host was away');
    });

    await t.test('automatic sync after a change', async () => {
      await dispatch(A.page, { type: 'sync.auto', on: true });
      const before = (await state(A.page)).sync.last_synced_at;
      assert.ok((await rename(A.page, Y, 'Sent automatically')).ok);
      await A.page.waitForFunction(() => window.portal.state().sync.pending === false &&
        window.portal.state().sync.status === 'done', null, { timeout: 60000 });
      assert.ok((await state(A.page)).sync.last_synced_at >= before);
      const r = cliSync('--no-publish');
      assert.equal(r.code, 0, r.out);
      assert.equal(cliOrg(Y).name, 'Sent automatically');
    });

    await t.test('a reload keeps the book and the sync base', async () => {
      await A.page.waitForFunction(() => !window.portal.state().storage.saving, null, { timeout: 20000 });
      await A.page.reload();
      await A.page.waitForFunction(() => window.PortalPage && window.PortalPage.isReady && window.portal.state().storage.loaded,
        null, { timeout: 60000 });
      await dispatch(A.page, { type: 'ui.staff', on: true });
      const s = (await state(A.page)).sync;
      assert.equal(s.synced_before, true);
      assert.equal(s.pending, false);
      assert.equal(s.host_url, HOST);
      assert.equal(s.passphrase_set, true, 'the passphrase lives in sessionStorage for the tab');
      assert.equal(await orgName(A.page, Y), 'Sent automatically');
      await noSecrets(A.page);

      // A change made before a reload still waits after it, and goes out with the base read back.
      await dispatch(A.page, { type: 'sync.auto', on: false });
      assert.ok((await rename(A.page, Y, 'Changed before a reload')).ok);
      await A.page.waitForFunction(() => !window.portal.state().storage.saving, null, { timeout: 20000 });
      await A.page.reload();
      await A.page.waitForFunction(() => window.PortalPage && window.PortalPage.isReady && window.portal.state().storage.loaded,
        null, { timeout: 60000 });
      await dispatch(A.page, { type: 'ui.staff', on: true });
      assert.equal((await state(A.page)).sync.pending, true);
      const again = await sync(A.page);
      assert.equal(again.status, 'done', again.message);
      assert.match(again.message, /went to the host/);
      const r = cliSync('--no-publish');
      assert.equal(r.code, 0, r.out);
      assert.equal(cliOrg(Y).name, 'Changed before a reload');
    });

    for (const app of apps) assert.deepEqual(unexpected(app.errors), []);
  } finally {
    await close();
    await server.close();
  }
});
