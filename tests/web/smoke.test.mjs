// Smoke: the served page loads, draws a real first frame (not a blank canvas), answers
// portal.state(), idles when nothing happens, and logs no console error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launch, openApp, screenshot, state, drawnShare } from './harness.mjs';

let server, chrome;
before(async () => { server = await startServer(); chrome = await launch(); });
after(async () => { await chrome?.close(); await server?.close(); });

test('the app draws its first frame and answers portal.state()', async () => {
  const { page, context, errors } = await openApp(chrome.browser, server.url);
  const s = await state(page);
  assert.equal(s.screen, 'compare');
  assert.ok(s.frames > 0, 'at least one frame drawn');
  assert.deepEqual(s.catalog.tiers, ['full', 'associate']);
  assert.equal(s.canvas.fb_w, 1280);
  const png = readFileSync(await screenshot(page, 'smoke'));
  const { width, share } = drawnShare(png);
  assert.equal(width, 1280);
  assert.ok(share > 0.02, `canvas looks blank: only ${(share * 100).toFixed(2)}% of pixels drawn`);
  assert.equal(await page.evaluate(() => document.getElementById('status').hidden), true, 'loading indicator gone');
  assert.deepEqual(errors, []);
  await context.close();
});

test('it idles: no frame is drawn while nothing happens, and input wakes it', async () => {
  const { page, context } = await openApp(chrome.browser, server.url);
  await page.waitForFunction(() => window.portal.state().idle);
  const a = (await state(page)).frames;
  await page.waitForTimeout(500);
  const b = await state(page);
  assert.equal(b.frames, a, 'frames drawn while idle');
  assert.ok(b.ticks > 0);
  await page.mouse.move(300, 300);
  await page.waitForFunction((n) => window.portal.state().frames > n, a);
  await context.close();
});

test('high DPI: the backbuffer is the CSS size times the device pixel ratio', async () => {
  const { page, context, errors } = await openApp(chrome.browser, server.url, '', { width: 800, height: 600 }, { dpr: 2 });
  const s = await state(page);
  assert.equal(s.dpr, 2);
  assert.equal(s.canvas.css_w, 800);
  assert.equal(s.canvas.fb_w, 1600);
  assert.equal(s.canvas.fb_h, 1200);
  await screenshot(page, 'smoke-hidpi');
  // Resizing the window resizes the backbuffer.
  await page.setViewportSize({ width: 1000, height: 600 });
  await page.waitForFunction(() => window.portal.state().canvas.fb_w === 2000);
  assert.deepEqual(errors, []);
  await context.close();
});

test('without WebGL2 the page says so instead of showing a blank canvas', async () => {
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    const real = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
      return kind === 'webgl2' ? null : real.call(this, kind, ...rest);
    };
  });
  await page.goto(server.url);
  await page.waitForFunction(() => window.PortalPage && window.PortalPage.failed);
  const text = await page.textContent('#fatal');
  assert.match(text, /WebGL2/);
  assert.equal(await page.isVisible('#fatal'), true);
  await page.screenshot({ path: 'test-artifacts/smoke-no-webgl2.png' });
  await context.close();
});

test('when the WebAssembly module cannot be fetched, the page says so', async () => {
  const context = await chrome.browser.newContext();
  const page = await context.newPage();
  await page.route('**/portal.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(server.url + '?nosw=1');
  await page.waitForFunction(() => window.PortalPage && window.PortalPage.failed, null, { timeout: 30000 });
  assert.match(await page.textContent('#fatal'), /could not start/);
  assert.equal(await page.isVisible('#canvas'), false);
  await context.close();
});
