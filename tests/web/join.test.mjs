// Join request: the pre-filled email and the portal-application/1 download, by real clicks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launch, openApp, screenshot, state, dispatch, click } from './harness.mjs';

let server, chrome;
before(async () => { server = await startServer(); chrome = await launch(); });
after(async () => { await chrome?.close(); await server?.close(); });

test('a museum requests to join: email link and application file', async () => {
  const { page, context, errors } = await openApp(chrome.browser, server.url);
  for (const [field, value] of [['name', 'Museo di Zoë & Co'], ['type', 'museum'], ['country', 'IT'],
    ['conference_attendees', 4], ['training_seats', 2], ['contact_email', 'ana@example.org']])
    assert.equal((await dispatch(page, { type: 'wizard.set', field, value })).ok, true);
  await click(page, 'Join request');
  let s = await state(page);
  assert.equal(s.screen, 'join');
  assert.match(s.join.mailto, /^mailto:admin@iiif\.io\?subject=/);
  assert.ok(s.join.mailto.includes(encodeURIComponent('Museo di Zoë & Co')));

  const download = page.waitForEvent('download');
  await click(page, 'Download our application (JSON)');
  const file = await download;
  assert.match(file.suggestedFilename(), /^application-museo-di-zo.*\.json$/);
  const doc = JSON.parse(readFileSync(await file.path(), 'utf8'));
  assert.equal(doc.schema, 'portal-application/1');
  assert.equal(doc.name, 'Museo di Zoë & Co');
  assert.equal(doc.usage.conference_attendees, 4);
  s = await state(page);
  assert.equal(s.downloads.length, 1);

  await click(page, 'Write to admin@iiif.io##mail');
  const opened = await page.evaluate(() => window.portal.lastOpened());
  assert.equal(opened, s.join.mailto);
  await screenshot(page, 'join');
  assert.deepEqual(errors, []);
  await context.close();
});
