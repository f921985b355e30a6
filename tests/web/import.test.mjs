// Import: a bad book file chosen through the browser's file input lists every problem with its
// JSON Pointer and leaves the book unchanged.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, screenshot, state, click, staffWithFixture } from './harness.mjs';

let server, chrome;
before(async () => { server = await startServer(); chrome = await launch(); });
after(async () => { await chrome?.close(); await server?.close(); });

test('importing a bad file changes nothing and says where it is wrong', async () => {
  const { page, context, errors } = await openApp(chrome.browser, server.url);
  await staffWithFixture(page);
  const before = await state(page);
  await click(page, 'Import / export');
  const bad = {
    schema: 'portal-book/1',
    organisations: [{ id: 'a', name: 'Bad Org', type: 'spaceship', country: 'France', tier: 'gold', listed: 'yes' }],
    invoices: [{ id: 'i1', number: 'X', org: 'nobody', issued: '2027-02-30', due: '2027-03-01', currency: 'USD',
      lines: [{ description: 'x', amount: 12.5 }], status: 'sent' }],
  };
  const chooser = page.waitForEvent('filechooser');
  await click(page, 'Import a file...');
  await (await chooser).setFiles({ name: 'bad-book.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await page.waitForFunction(() => window.portal.state().import.name === 'bad-book.json');
  const s = await state(page);
  assert.equal(s.import.ok, false);
  assert.ok(s.import.problems.length >= 4, JSON.stringify(s.import.problems));
  const pointers = s.import.problems.map((p) => p.pointer);
  assert.ok(pointers.includes('/organisations/0/type'), pointers.join(' '));
  assert.ok(pointers.includes('/organisations/0/country'), pointers.join(' '));
  assert.ok(pointers.some((p) => p.startsWith('/invoices/0')), pointers.join(' '));
  assert.equal(s.book.organisations, before.book.organisations);
  assert.equal(s.book.version, before.book.version, 'book unchanged');
  await screenshot(page, 'import-bad');

  const notJson = await page.evaluate(() => window.portal.importText('broken.json', '{"schema": "portal-book/1", '));
  assert.equal(notJson.ok, false);
  assert.ok(notJson.problems.length > 0);
  assert.deepEqual(errors, []);
  await context.close();
});
