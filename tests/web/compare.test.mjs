// Compare tiers: the matrix shows differences, and the currency picker (real clicks) shows
// local equivalents from the dated rates table.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, screenshot, state, click } from './harness.mjs';

let server, chrome;
before(async () => { server = await startServer(); chrome = await launch(); });
after(async () => { await chrome?.close(); await server?.close(); });

test('comparing tiers, with fees in euros picked by mouse', async () => {
  const { page, context, errors } = await openApp(chrome.browser, server.url);
  let s = await state(page);
  assert.equal(s.screen, 'compare');
  assert.ok(s.compare.differing.includes('ec_vote'), 'voting rights differ between tiers');
  assert.equal(s.rates.ok, true);
  assert.match(s.rates.date, /^\d{4}-\d{2}-\d{2}$/);
  await click(page, '##currency');
  await click(page, '##currency/EUR - Euro');
  s = await state(page);
  assert.equal(s.compare.currency, 'EUR');
  await screenshot(page, 'compare-eur');
  await click(page, 'Which tier fits us?##cta');
  assert.equal((await state(page)).screen, 'wizard');
  assert.deepEqual(errors, []);
  await context.close();
});
