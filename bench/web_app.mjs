#!/usr/bin/env node
// Browser benchmarks of the web app (issue 5), in headless Chromium on localhost. Not a test: it
// asserts nothing and writes bench/results/web_app.json.   node bench/web_app.mjs
//   - time to the first interactive frame: navigation start -> the end of the first frame the app
//     draws (performance mark 'portal-first-frame'; input is handled from that frame on), cold (new
//     browser context: empty HTTP cache, no service worker) and warm (a reload);
//   - idle CPU: main-thread busy time (Chrome DevTools Protocol Performance.getMetrics TaskDuration)
//     over 10 s with no input, and the frames drawn meanwhile;
//   - 100,000 organisations: the frame times the app records itself (portal.frames(), each frame's
//     actions + ImGui build + render calls) while a search is typed into the organisations filter
//     with real key presses, and while the table is scrolled.
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { startServer, launch, openApp, state, dispatch, settle, locate, repo } from '../tests/web/harness.mjs';
import { bigBook } from './big_book.mjs';

const quantile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : null; };
const round = (x, d = 2) => (x == null ? null : Math.round(x * 10 ** d) / 10 ** d);
const median = (xs) => quantile(xs, 0.5);

async function firstFrame(page) {
  await page.waitForFunction(() => performance.getEntriesByName('portal-first-frame').length > 0, null, { timeout: 60000 });
  return page.evaluate(() => performance.getEntriesByName('portal-first-frame')[0].startTime);
}

async function timeToInteractive(browser, url, runs) {
  const cold = [], warm = [];
  for (let i = 0; i < runs; ++i) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(url);
    cold.push(await firstFrame(page));
    await page.reload();
    warm.push(await firstFrame(page));
    await context.close();
  }
  return { runs, cold_ms: { median: round(median(cold), 1), min: round(Math.min(...cold), 1), max: round(Math.max(...cold), 1) },
    warm_ms: { median: round(median(warm), 1), min: round(Math.min(...warm), 1), max: round(Math.max(...warm), 1) } };
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

const srv = await startServer();
const b = await launch();
const result = { date: new Date().toISOString(), chromium: b.browser.version(), url: 'localhost (scripts/serve.mjs)' };
try {
  result.time_to_interactive = await timeToInteractive(b.browser, srv.url, 5);
  result.idle = await idleCpu(b.browser, srv.url, 10);
  result.orgs_100k = await hundredThousand(b.browser, srv.url);
} finally { await b.close(); await srv.close(); }
const dir = path.join(repo, 'bench/results');
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, 'web_app.json'), JSON.stringify(result, null, 2) + '\n');
console.log(JSON.stringify(result, null, 2));
