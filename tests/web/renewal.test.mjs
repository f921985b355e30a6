// Renewal: the preview matches what the run creates, and a second run creates nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, screenshot, state, dispatch, click, staffWithFixture } from './harness.mjs';

let server, chrome;
before(async () => { server = await startServer(); chrome = await launch(); });
after(async () => { await chrome?.close(); await server?.close(); });

test('a renewal run for next year, previewed then run twice', async () => {
  const { page, context, errors } = await openApp(chrome.browser, server.url);
  await staffWithFixture(page);
  await click(page, 'Renewal');
  await click(page, 'Preview');
  let s = await state(page);
  assert.equal(s.renewal.year, 2027);
  const planned = s.renewal.preview;
  assert.ok(planned > 0);
  await screenshot(page, 'renewal-preview');
  const before = s.book.invoices;
  await click(page, 'Run renewal');
  s = await state(page);
  assert.equal(s.last.ok, true, JSON.stringify(s.last));
  assert.equal(s.book.invoices, before + planned);
  const again = await dispatch(page, { type: 'renewal.run', year: 2027 });
  assert.equal(again.ok, true);
  assert.equal((await state(page)).book.invoices, before + planned, 'idempotent');
  await dispatch(page, { type: 'renewal.preview', year: 2027 });
  assert.equal((await state(page)).renewal.preview, 0);
  await click(page, 'Reports');
  const r = await state(page);
  assert.equal(r.screen, 'reports');
  assert.ok(r.report.invoiced > 0);
  await screenshot(page, 'reports');
  await click(page, 'Dashboard');
  await screenshot(page, 'dashboard');
  assert.deepEqual(errors, []);
  await context.close();
});
