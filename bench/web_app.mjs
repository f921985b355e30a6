#!/usr/bin/env node
// Browser benchmarks of the web app (issue 5), in headless Chromium on localhost. Not a test: it
// asserts nothing and writes bench/results/web_app.json.   node bench/web_app.mjs [--startup]
//   - time to the first interactive frame: navigation start -> the end of the first frame the app
//     draws (performance mark 'portal-first-frame'; input is handled from that frame on), cold (new
//     browser context: empty HTTP cache, no service worker) and warm (a reload);
//   - where the cold start goes: the page's own performance marks (src/web/main.cpp) and the
//     renderer's task time (DevTools Performance.getMetrics TaskDuration) up to the first frame;
//   - shipped size: every file the page loads, gzip -9, with the font package (portal.data)
//     reported separately;
//   - idle CPU: main-thread busy time (Chrome DevTools Protocol Performance.getMetrics TaskDuration)
//     over 10 s with no input, and the frames drawn meanwhile;
//   - 100,000 organisations: the frame times the app records itself (portal.frames(), each frame's
//     actions + ImGui build + render calls) while a search is typed into the organisations filter
//     with real key presses, and while the table is scrolled.
import { writeFileSync, mkdirSync, readFileSync, existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startServer, launch, openApp, state, dispatch, settle, locate, repo, dist } from '../tests/web/harness.mjs';
import { bigBook } from './big_book.mjs';

const quantile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : null; };
const round = (x, d = 2) => (x == null ? null : Math.round(x * 10 ** d) / 10 ** d);
const median = (xs) => quantile(xs, 0.5);

async function firstFrame(page) {
  await page.waitForFunction(() => performance.getEntriesByName('portal-first-frame').length > 0, null, { timeout: 60000 });
  return page.evaluate(() => performance.getEntriesByName('portal-first-frame')[0].startTime);
}

// The start-up marks of src/web/main.cpp ('portal-*') and when the last file the page loads
// arrived, in ms from navigation start.
const marksOf = (page) => page.evaluate(() => {
  const shipped = performance.getEntriesByType('resource').filter((e) => /\/(portal\.(js|wasm|data)|boot\.js)$/.test(e.name));
  const out = { files_loaded: Math.max(...shipped.map((e) => e.responseEnd)) };
  for (const e of performance.getEntriesByType('mark')) if (e.name.startsWith('portal-')) out[e.name.slice(7)] = e.startTime;
  return out;
});
const stats = (xs) => ({ median: round(median(xs), 1), min: round(Math.min(...xs), 1), max: round(Math.max(...xs), 1) });

async function timeToInteractive(browser, url, runs) {
  const cold = [], warm = [], coldBusy = [], coldMarks = [];
  for (let i = 0; i < runs; ++i) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const busy = async () => (await cdp.send('Performance.getMetrics')).metrics.find((x) => x.name === 'TaskDuration').value * 1000;
    const busy0 = await busy();
    await page.goto(url);
    cold.push(await firstFrame(page));
    // The renderer's task time over the start-up (DevTools TaskDuration): CPU time, whatever else
    // the machine was doing. It can exceed the wall time (it counts more than the main thread), and
    // includes the few ms between the first frame and this call.
    coldBusy.push((await busy()) - busy0);
    coldMarks.push(await marksOf(page));
    await page.reload();
    warm.push(await firstFrame(page));
    await context.close();
  }
  const breakdown = {};
  for (const k of Object.keys(coldMarks[0])) breakdown[k] = round(median(coldMarks.map((x) => x[k])), 1);
  return { runs, cold_ms: stats(cold), warm_ms: stats(warm), cold_renderer_task_ms: stats(coldBusy),
    cold_marks_median_ms: breakdown };
}

// What a first visit downloads, `gzip -9` (what a host that compresses sends). portal.data holds
// only the font (DejaVu Sans), reported apart as the issue asks.
function shippedSize() {
  const files = ['index.html', 'boot.js', 'sw.js', 'portal.js', 'portal.wasm', 'manifest.webmanifest', 'icon.svg'];
  const gz = (f) => execFileSync('gzip', ['-9c', path.join(dist, f)], { maxBuffer: 1 << 30 }).length;
  const out = { files: {}, total_gzip: 0 };
  for (const f of files.filter((f) => existsSync(path.join(dist, f)))) {
    out.files[f] = { bytes: readFileSync(path.join(dist, f)).length, gzip: gz(f) };
    out.total_gzip += out.files[f].gzip;
  }
  out.font_package = { file: 'portal.data', bytes: readFileSync(path.join(dist, 'portal.data')).length, gzip: gz('portal.data') };
  return out;
}

async function idleCpu(browser, url, seconds) {
  const { page, context } = await openApp(browser, url);
  await settle(page);
  await page.waitForTimeout(1000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const before = await metric(), s0 = await state(page);
  await page.waitForTimeout(seconds * 1000);
  const after = await metric(), s1 = await state(page);
  await context.close();
  const busy = after.TaskDuration - before.TaskDuration, script = after.ScriptDuration - before.ScriptDuration;
  return { seconds, main_thread_busy_ms: round(busy * 1000, 1), script_ms: round(script * 1000, 1),
    cpu_percent: round((100 * busy) / seconds, 3), frames_drawn: s1.frames - s0.frames, loop_ticks: s1.ticks - s0.ticks };
}

async function hundredThousand(browser, url) {
  const out = {};
  const { page, context } = await openApp(browser, url);
  await dispatch(page, { type: 'ui.staff', on: true });
  const text = bigBook(100000);
  let t0 = Date.now();
  const r = await page.evaluate((t) => window.portal.importText('big.json', t), text);
  out.import_ms = Date.now() - t0;
  if (!r.ok) throw new Error('import failed: ' + JSON.stringify(r.problems.slice(0, 3)));
  await dispatch(page, { type: 'ui.navigate', screen: 'orgs' });
  await settle(page);
  out.rows = (await state(page)).orgs.count;

  // Type a search the way a person does: click the box, then one key every 80 ms.
  const box = await locate(page, '##search');
  await page.mouse.click(box.cx, box.cy);
  await page.waitForFunction(() => window.portal.state().want_text_input);
  await settle(page);
  await page.evaluate(() => window.portal.frames(true));
  const typed = 'organisation 12';
  await page.keyboard.type(typed, { delay: 80 });
  await settle(page);
  const typing = await page.evaluate(() => window.portal.frames(true));
  const st = await state(page);
  out.typing = { text: typed, rows_left: st.orgs.count, frames: typing.frame_ms.length,
    median_ms: round(median(typing.frame_ms)), p95_ms: round(quantile(typing.frame_ms, 0.95)), max_ms: round(Math.max(...typing.frame_ms)) };
  if (st.orgs.filter.text !== typed) throw new Error(`the search box holds "${st.orgs.filter.text}", not "${typed}"`);

  // Clear the search (every row back), then scroll.
  await dispatch(page, { type: 'filter.set', field: 'text', value: '' });
  await settle(page);
  await page.mouse.move(700, 400);
  await page.evaluate(() => window.portal.frames(true));
  for (let i = 0; i < 30; ++i) { await page.mouse.wheel(0, 400); await page.waitForTimeout(30); }
  await settle(page);
  const scroll = await page.evaluate(() => window.portal.frames(true));
  out.scroll = { frames: scroll.frame_ms.length, median_ms: round(median(scroll.frame_ms)), max_ms: round(Math.max(...scroll.frame_ms)) };

  // One dispatch per change, timed from outside (includes the JSON round trip of dispatch).
  out.dispatch_ms = {};
  for (const [label, action] of [['sort by status', { type: 'filter.sort', column: 4, descending: true }],
    ['search "museum"', { type: 'filter.set', field: 'text', value: 'museum' }],
    ['clear search', { type: 'filter.set', field: 'text', value: '' }]]) {
    t0 = performance.now();
    await dispatch(page, action);
    out.dispatch_ms[label] = round(performance.now() - t0, 1);
  }
  await context.close();
  return out;
}

// --startup: only the size and the start-up runs, printed and not written (for quick comparisons).
const startupOnly = process.argv.includes('--startup');
const srv = await startServer();
const b = await launch();
const result = { date: new Date().toISOString(), chromium: b.browser.version(), url: 'localhost (scripts/serve.mjs)',
  loadavg_at_start: loadavg().map((x) => round(x)) };
const cpu0 = process.cpuUsage();
try {
  result.shipped = shippedSize();
  result.time_to_interactive = await timeToInteractive(b.browser, srv.url, 5);
  if (!startupOnly) {
    result.idle = await idleCpu(b.browser, srv.url, 10);
    result.orgs_100k = await hundredThousand(b.browser, srv.url);
  }
} finally { await b.close(); await srv.close(); }
result.loadavg_at_end = loadavg().map((x) => round(x));
const cpu = process.cpuUsage(cpu0);
result.bench_process_cpu_ms = round((cpu.user + cpu.system) / 1000, 0);  // node side only (harness, big book)
if (!startupOnly) {
  const dir = path.join(repo, 'bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'web_app.json'), JSON.stringify(result, null, 2) + '\n');
}
console.log(JSON.stringify(result, null, 2));
