// Kiosk mode: the public view only (no staff switch, book actions refused), and it resets to
// the comparison after inactivity (?idle=1: one second, for the test).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, screenshot, state, dispatch, locate, click } from './harness.mjs';

let server, chrome;
before(async () => { server = await startServer(); chrome = await launch(); });
after(async () => { await chrome?.close(); await server?.close(); });

test('kiosk: public only, and reset after inactivity', async () => {
  const { page, context, errors } = await openApp(chrome.browser, server.url, '?kiosk=1&idle=1');
  let s = await state(page);
  assert.equal(s.kiosk, true);
  assert.equal(await locate(page, 'Staff'), null, 'no staff switch on screen');
  assert.equal((await dispatch(page, { type: 'ui.staff', on: true })).ok, false);
  assert.equal((await dispatch(page, { type: 'renewal.run', year: 2027 })).ok, false);
  assert.equal((await state(page)).staff, false);
  assert.equal(s.book, undefined, 'no private figures');

  await click(page, 'Which tier fits us?');
  await dispatch(page, { type: 'wizard.set', field: 'name', value: 'Visitor Library' });
  s = await state(page);
  assert.equal(s.screen, 'wizard');
  await screenshot(page, 'kiosk-wizard');
  await page.waitForFunction(() => window.portal.state().screen === 'compare', null, { timeout: 5000 });
  s = await state(page);
  assert.equal(s.wizard.inputs.name, '');
  await screenshot(page, 'kiosk-reset');
  assert.deepEqual(errors, []);
  await context.close();
});
