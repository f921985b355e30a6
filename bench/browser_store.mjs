// Browser benchmarks of the staff book on a 100,000-organisation book, in headless Chromium
// (dist/ served by scripts/serve.mjs). No assertions: figures go to bench/results/browser_store.json
// and docs/BENCHMARKS.md.
//   node bench/browser_store.mjs [OUT.json]
//   bash bench/browser_sync.sh            (the same plus a push + pull against a local Apache)
// Measured:
//   persist_action_ms: one org.update dispatched on the organisations screen until its journal
//     entry is in IndexedDB (reducer, derived values, the store's append, then the flush that
//     covers it, and any frame drawn meanwhile), 30 times; split into dispatch_only_ms and
//     flush_after_dispatch_ms; flush_ms is the IndexedDB write alone (window.PortalStorage);
//     cpu_per_action_ms is the page's main-thread task time (DevTools Performance.getMetrics)
//     over the 30 runs, divided by 30;
//   persist_action_dashboard_ms: the same on the dashboard, whose report and governance check
//     are recomputed when the frame after the action draws them;
//   persist_action_no_frames_ms: the same with another tab in front (no frame drawn);
//   invoice_create_ms, payment_record_ms: one invoice.create (a sent invoice for org-(i*3001)),
//     then one payment.record on it, dispatched on the organisations screen, 20 of each: the
//     dispatch alone (reducer with the kept book index, the organisation's status, the table);
//     cpu_per_billing_action_ms is the main-thread task time over the 40, saving included;
//   reload_ms: page.reload() until the app is drawn and the book is open from IndexedDB,
//     with its split (ready: wasm started and first frame; book: syncfs(true) + Store::open);
//   with PORTAL_BENCH_URL (+ _USER, _PASSWORD): push_ms (the first sync, which writes the whole
//     book encrypted), reload_after_sync_ms (the base is read too), and pull_ms (a second
//     browser profile syncing it down), 600,000 PBKDF2 iterations included.
import { writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, launch, openApp, state, dispatch, repo } from '../tests/web/harness.mjs';
import { bigBook } from './big_book.mjs';

const N = 100000;
const out = process.argv[2] || path.join(repo, 'bench/results/browser_store.json');
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]; };
const saved = (page) => page.waitForFunction(() => {
  const st = window.portal.state().storage;
  return st.loaded && !st.saving && st.last_saved_seq === st.last_seq;
}, null, { timeout: 300000, polling: 5 });

const loadavg = () => readFileSync('/proc/loadavg', 'utf8').trim().split(' ').slice(0, 3).join(' ');
const result = { organisations: N, chromium: '', runs: {}, loadavg_start: loadavg() };
const server = await startServer();
const { browser, close } = await launch();
try {
  result.chromium = browser.version();
  const { page, errors } = await openApp(browser, server.url);
  await dispatch(page, { type: 'ui.staff', on: true });
  await dispatch(page, { type: 'sync.auto', on: false });
  const text = bigBook(N);
  result.book_bytes = text.length;
  let t0 = Date.now();
  const r = await page.evaluate((t) => window.portal.importText('big.json', t), text);
  if (!r.ok) throw new Error('import failed');
  await saved(page);
  result.import_and_save_ms = Date.now() - t0;

  // [SECTION] Persist one action
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskMs = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return 1000 * metrics.find((x) => x.name === 'TaskDuration').value;
  };
  // Dispatched like a click, timed until window.PortalStorage (storage_lib.js) reports the flush
  // covering the new journal entry done; polling that object costs nothing, unlike portal.state().
  const persistRuns = async (offset) => {
    const persist = [], apply = [], flushOnly = [];
    const cpu0 = await taskMs();
    for (let i = 0; i < 30; ++i) {
      const ms = await page.evaluate(async (i) => {
        const st = window.PortalStorage;
        const t0 = performance.now();
        const r = window.portal.dispatch({ type: 'org.update', id: 'org-' + (i * 3001), set: { name: 'Renamed ' + i } });
        const t1 = performance.now();
        if (!r.ok) throw new Error(r.error);
        const want = st.wanted;
        await new Promise((resolve) => {
          const check = () => (st.saved >= want ? resolve() : setTimeout(check, 0));
          check();
        });
        return [t1 - t0, performance.now() - t0, st.lastFlushMs];
      }, i + offset);
      apply.push(ms[0]);
      persist.push(ms[1]);
      flushOnly.push(ms[2]);
    }
    const cpu = (await taskMs()) - cpu0;
    return { persist, apply, flushOnly, cpu };
  };
  await dispatch(page, { type: 'ui.navigate', screen: 'orgs' });
  const orgs = await persistRuns(0);
  const { persist, apply } = orgs;
  result.runs.persist_action_ms = persist.map((x) => Math.round(x * 10) / 10);
  result.persist_action_ms = { median: median(persist), p95: p95(persist), max: Math.max(...persist) };
  result.dispatch_only_ms = { median: median(apply), max: Math.max(...apply) };
  // What persisting adds after the reducer and the screen's derived values: the journal append was
  // done inside dispatch, this is the wait for the IndexedDB flush that covers it.
  const flush = persist.map((x, i) => x - apply[i]);
  result.flush_after_dispatch_ms = { median: median(flush), p95: p95(flush), max: Math.max(...flush) };
  result.flush_ms = { median: median(orgs.flushOnly), max: Math.max(...orgs.flushOnly) };
  result.cpu_per_action_ms = orgs.cpu / 30;

  // [SECTION] Invoice and payment actions (the ones that used to index the book again)
  {
    const create = [], pay = [];
    const cpu0 = await taskMs();
    for (let i = 0; i < 20; ++i) {
      const ms = await page.evaluate(async (i) => {
        const t0 = performance.now();
        const c = window.portal.dispatch({ type: 'invoice.create', org: 'org-' + (i * 3001), state: 'sent',
                                           lines: [{ description: 'Workshop', amount: 150000 }] });
        const t1 = performance.now();
        if (!c.ok) throw new Error(c.error);
        const number = /Created invoice (\S+) for/.exec(c.summary)[1];
        const t2 = performance.now();
        const p = window.portal.dispatch({ type: 'payment.record', invoice: number, amount: 150000 });
        const t3 = performance.now();
        if (!p.ok) throw new Error(p.error);
        // Saved before the next pair, waiting as persistRuns does (portal.state() would cost CPU).
        const st = window.PortalStorage, want = st.wanted;
        await new Promise((resolve) => {
          const check = () => (st.saved >= want ? resolve() : setTimeout(check, 0));
          check();
        });
        return [t1 - t0, t3 - t2];
      }, i);
      create.push(ms[0]);
      pay.push(ms[1]);
    }
    const cpu = (await taskMs()) - cpu0;
    result.runs.invoice_create_ms = create.map((x) => Math.round(x * 10) / 10);
    result.runs.payment_record_ms = pay.map((x) => Math.round(x * 10) / 10);
    result.invoice_create_ms = { median: median(create), p95: p95(create), max: Math.max(...create) };
    result.payment_record_ms = { median: median(pay), p95: p95(pay), max: Math.max(...pay) };
    result.cpu_per_billing_action_ms = cpu / 40;
  }

  await dispatch(page, { type: 'ui.navigate', screen: 'dashboard' });
  const dash = await persistRuns(1);
  result.persist_action_dashboard_ms = { median: median(dash.persist), p95: p95(dash.persist), max: Math.max(...dash.persist),
                                         dispatch_median: median(dash.apply), cpu_per_action: dash.cpu / 30 };
  // The same with another tab in front: the page draws no frame (requestAnimationFrame stops),
  // so this is the persistence path alone, without the frames drawn after each action (in this
  // headless SwiftShader set-up each costs tens of ms of main-thread time, which the IndexedDB
  // completion event waits behind).
  const front = await page.context().newPage();
  await front.goto('about:blank');
  await front.bringToFront();
  await new Promise((r) => setTimeout(r, 500));
  const hidden = await persistRuns(2);
  result.persist_action_no_frames_ms = { median: median(hidden.persist), p95: p95(hidden.persist), max: Math.max(...hidden.persist),
                                         cpu_per_action: hidden.cpu / 30 };
  await front.close();
  await page.bringToFront();
  result.journal_files = await page.evaluate(() => Object.keys(window.PortalStorage.known).filter((p) => /journal-/.test(p)).length);

  // [SECTION] Reload: the book opened from IndexedDB
  // page.reload() until the app is drawn (ready), then until the book is open (book_open).
  const timedReload = async () => {
    const t = Date.now();
    await page.reload();
    await page.waitForFunction(() => window.PortalPage && window.PortalPage.isReady && window.portal.state().frames > 0,
      null, { timeout: 120000, polling: 5 });
    const ready = Date.now() - t;
    await page.waitForFunction(() => window.portal.state().storage.loaded, null, { timeout: 120000, polling: 5 });
    const total = Date.now() - t;
    await dispatch(page, { type: 'ui.staff', on: true });
    const count = (await state(page)).book.organisations;
    if (count !== N) throw new Error(`reloaded ${count} organisations`);
    const js = await page.evaluate(() => { const s = window.PortalStorage; return [s.readMs, s.openMs, s.laterMs]; });
    return { ready_ms: ready, book_open_ms: total - ready, total_ms: total,
             idb_read_ms: Math.round(js[0]), store_open_ms: Math.round(js[1]), later_files_ms: Math.round(js[2]) };
  };
  const reloads = [];
  for (let i = 0; i < 3; ++i) reloads.push(await timedReload());
  result.runs.reload = reloads;
  result.reload_ms = { median: median(reloads.map((x) => x.total_ms)), best: Math.min(...reloads.map((x) => x.total_ms)) };

  // [SECTION] Push + pull against a local Apache (bench/browser_sync.sh starts it)
  const host = process.env.PORTAL_BENCH_URL;
  if (host) {
    const configure = async (p) => {
      await dispatch(p, { type: 'ui.staff', on: true });
      await dispatch(p, { type: 'sync.auto', on: false });
      await dispatch(p, { type: 'settings.set', field: 'host_url', value: host });
      await dispatch(p, { type: 'sync.credentials', user: process.env.PORTAL_BENCH_USER, password: process.env.PORTAL_BENCH_PASSWORD });
      await dispatch(p, { type: 'sync.passphrase', value: 'benchmark passphrase' });
    };
    const timed = async (p) => {
      const t = Date.now();
      const r = await dispatch(p, { type: 'sync.start' });
      if (!r.ok) throw new Error(r.error);
      await p.waitForFunction(() => window.portal.state().sync.status !== 'running', null, { timeout: 600000, polling: 20 });
      const s = (await state(p)).sync;
      if (s.status !== 'done') throw new Error(s.message);
      return Date.now() - t;
    };
    await configure(page);
    result.push_ms = await timed(page);
    // After a sync the IndexedDB folder also holds the sync base (sync-state.json, the whole
    // last agreed book): it is read after the book opened, not on the way.
    await page.waitForFunction(() => !window.portal.state().storage.saving, null, { timeout: 120000 });
    const afterSync = [];
    for (let i = 0; i < 3; ++i) afterSync.push(await timedReload());
    result.runs.reload_after_sync = afterSync;
    result.reload_after_sync_ms = median(afterSync.map((x) => x.total_ms));
    result.pending_after_reload = (await state(page)).sync.pending;
    const other = await openApp(browser, server.url);
    await configure(other.page);
    result.pull_ms = await timed(other.page);
    result.pulled_organisations = (await state(other.page)).book.organisations;
    result.push_plus_pull_ms = result.push_ms + result.pull_ms;
  }
  result.console_errors = errors.filter((e) => !/Failed to load resource/.test(e)).length;
} finally {
  await close();
  await server.close();
}
result.loadavg_end = loadavg();
result.command = 'node bench/browser_store.mjs' + (process.env.PORTAL_BENCH_URL ? ' (via bash bench/browser_sync.sh)' : '');
result.machine = '2 cores shared with other builds; loaded figures';
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
console.log(JSON.stringify(result, null, 2));
