// Shared setup for the browser tests: serve dist/ on a free port, drive Debian's headless
// Chromium through playwright-core, wait for the first frame, collect console errors, and save
// screenshots under test-artifacts/. Not a test file itself (no .test.mjs suffix).
import { spawn } from 'node:child_process';
import { mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { inflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const dist = process.env.PORTAL_DIST || path.join(repo, 'dist');
export const artifacts = path.join(repo, 'test-artifacts');

export async function startServer() {
  if (!existsSync(path.join(dist, 'portal.wasm'))) throw new Error(`${dist}/portal.wasm is missing: build the web preset first`);
  const child = spawn(process.execPath, [path.join(repo, 'scripts/serve.mjs'), '--dir', dist, '--port', '0', '--quiet'],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve(line.trim()));
    child.once('exit', (code) => reject(new Error(`serve.mjs exited with ${code}`)));
  });
  return { url, close: () => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); }) };
}

export async function launch() {
  // playwright gives every launch a fresh temporary --user-data-dir (it refuses one passed in args).
  const browser = await chromium.launch({
    executablePath: process.env.PORTAL_CHROMIUM || '/usr/bin/chromium',
    args: ['--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--no-sandbox', '--disable-gpu',
           '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return { browser, close: () => browser.close() };
}

// Opens the app and waits until it has drawn a frame. `errors` collects console errors and
// uncaught exceptions: a test asserts it stays empty.
export async function openApp(browser, baseUrl, query = '', viewport = { width: 1280, height: 720 }, opts = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: opts.dpr || 1, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(String(err)));
  const sep = query ? (query.startsWith('?') ? '' : '?') : '';
  await page.goto(baseUrl + sep + query);
  await page.waitForFunction(() => window.PortalPage && (window.PortalPage.failed ||
    (window.PortalPage.isReady && window.portal.state().frames > 0 && 
    // and the saved book (IndexedDB) is loaded, unless the page saves nothing (kiosk)
    ((st) => !st || !st.enabled || st.loaded)(window.portal.state().storage))),
    null, { timeout: 60000 });
  const failed = await page.evaluate(() => window.PortalPage.failed);
  if (failed) throw new Error(`the app failed to start: ${failed}`);
  return { page, context, errors };
}

export const state = (page) => page.evaluate(() => window.portal.state());
export const dispatch = (page, action) => page.evaluate((a) => window.portal.dispatch(a), action);
export const locate = (page, label) => page.evaluate((l) => window.portal.locate(l), label);

// Waits for the app to draw the frames that follow a change (it idles otherwise).
export async function settle(page) {
  await page.waitForFunction(() => window.portal.state().idle, null, { timeout: 10000 });
}

// Clicks the centre of a widget found by its ImGui label, as a user would.
export async function click(page, label) {
  await settle(page);
  const r = await locate(page, label);
  if (!r) throw new Error(`no widget "${label}" on screen; have: ${(await page.evaluate(() => window.portal.labels())).join(' | ')}`);
  await page.mouse.move(r.cx, r.cy);
  await page.mouse.down();
  await page.mouse.up();
  await settle(page);
}

export async function screenshot(page, name) {
  mkdirSync(artifacts, { recursive: true });
  await settle(page);
  const file = path.join(artifacts, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

// Share of pixels of a PNG screenshot that differ from its top-left pixel (the background):
// > 0 means something is drawn. Decoded here (8-bit RGB/RGBA) so no image library is needed;
// a WebGL canvas cannot be read back once presented.
export function drawnShare(png) {
  let pos = 8, width = 0, height = 0, channels = 4;
  const idat = [];
  while (pos < png.length) {
    const len = png.readUInt32BE(pos);
    const type = png.toString('ascii', pos + 4, pos + 8);
    const body = png.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8) throw new Error('only 8-bit PNGs');
      channels = { 2: 3, 6: 4 }[body[9]];
      if (!channels) throw new Error('only RGB/RGBA PNGs');
    } else if (type === 'IDAT') idat.push(body);
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; ++y) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; ++x) {
      const v = raw[y * (stride + 1) + 1 + x];
      const a = x >= channels ? out[y * stride + x - channels] : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? out[(y - 1) * stride + x - channels] : 0;
      let p = 0;
      if (filter === 1) p = a; else if (filter === 2) p = b; else if (filter === 3) p = (a + b) >> 1;
      else if (filter === 4) { const q = a + b - c, pa = Math.abs(q - a), pb = Math.abs(q - b), pc = Math.abs(q - c);
        p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
      out[y * stride + x] = (v + p) & 255;
    }
  }
  let differ = 0;
  for (let i = 0; i < out.length; i += channels) {
    if (Math.abs(out[i] - out[0]) + Math.abs(out[i + 1] - out[1]) + Math.abs(out[i + 2] - out[2]) > 24) differ++;
  }
  return { width, height, share: differ / (width * height) };
}

// Staff mode with the fixture book (tests/web/fixtures/book.json, generated by
// `portal-cli generate --organisations 40 --today 2026-11-22 --seed 11`) on a fixed date.
export async function staffWithFixture(page) {
  const text = (await import('node:fs')).readFileSync(path.join(repo, 'tests/web/fixtures/book.json'), 'utf8');
  await dispatch(page, { type: 'ui.staff', on: true });
  await dispatch(page, { type: 'settings.set', field: 'today', value: '2026-11-22' });
  const result = await page.evaluate((t) => window.portal.importText('book.json', t), text);
  if (!result.ok) throw new Error(`fixture import failed: ${JSON.stringify(result.problems.slice(0, 3))}`);
}

// Clicks a text field, waits for the text input to be active, selects all and types.
export async function typeInto(page, label, text) {
  await click(page, label);
  await page.waitForFunction(() => window.portal.state().want_text_input);
  await settle(page);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await settle(page);
}
