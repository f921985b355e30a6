// Not a test (no timing assertions): measures the organisations screen over 100,000
// organisations and writes test-artifacts/perf-100k.json.  node tests/web/perf-100k.mjs
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { startServer, launch, openApp, screenshot, state, dispatch, settle, artifacts } from './harness.mjs';
import { bigBook } from '../../bench/big_book.mjs';

const result = {};
const srv = await startServer(); const b = await launch();
try {
  const { page, errors } = await openApp(b.browser, srv.url);
  await dispatch(page, { type: 'ui.staff', on: true });
  const text = bigBook(100000);
  let t0 = Date.now();
  const r = await page.evaluate((t) => window.portal.importText('big.json', t), text);
  result.import_ms = Date.now() - t0;
  result.import_ok = r.ok;
  await dispatch(page, { type: 'ui.navigate', screen: 'orgs' });
  await settle(page);
  result.filter_ms = {};
  for (const v of ['lib', 'libr', '']) {
    t0 = Date.now();
    await dispatch(page, { type: 'filter.set', field: 'text', value: v });
    result.filter_ms[v || '(cleared)'] = Date.now() - t0;
  }
  t0 = Date.now();
  await dispatch(page, { type: 'filter.sort', column: 4, descending: true });
  result.sort_ms = Date.now() - t0;
  await page.mouse.move(700, 400);
  const frames = [];
  for (let i = 0; i < 30; ++i) {
    await page.mouse.wheel(0, 400);
    await page.waitForTimeout(30);
    frames.push((await state(page)).frame_ms);
  }
  frames.sort((x, y) => x - y);
  result.scroll_frame_ms = { median: frames[15], max: frames[29] };
  result.rows = (await state(page)).orgs.count;
  result.console_errors = errors.length;
  await screenshot(page, 'perf-100k');
} finally { await b.close(); await srv.close(); }
mkdirSync(artifacts, { recursive: true });
writeFileSync(path.join(artifacts, 'perf-100k.json'), JSON.stringify(result, null, 2) + '\n');
console.log(JSON.stringify(result, null, 2));
