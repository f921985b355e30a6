// The public view on a phone (390x844 CSS pixels, devicePixelRatio 3, portrait): compare, the
// wizard (profile and results) and the join request are usable: every widget drawn lies inside
// the screen's width (no horizontal overflow), tap targets are at least 36 CSS pixels high, and
// the wizard can be filled and the quote opened by taps. Screenshots go to test-artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, screenshot, state, click, settle, typeInto } from './harness.mjs';

const PHONE = { width: 390, height: 844 };
let server, chrome;
before(async () => { server = await startServer(); chrome = await launch(); });
after(async () => { await chrome?.close(); await server?.close(); });

// Every tracked widget of the last frame: inside the width, and tall enough to tap.
async function checkLayout(page, screen) {
  const rects = await page.evaluate(() => window.portal.labels().map((l) => [l, window.portal.locate(l)]));
  assert.ok(rects.length > 3, `${screen}: widgets are drawn`);
  for (const [label, r] of rects) {
    if (label.startsWith('chart:')) continue;
    assert.ok(r.cut_w < 0.5, `${screen}: "${label}" is ${r.cut_w} CSS px wider than its window`);
    assert.ok(r.x >= 0 && r.x + r.w <= PHONE.width + 0.5, `${screen}: "${label}" spans ${r.x}..${r.x + r.w}, beyond ${PHONE.width}`);
    // Clipped by a scrolling region, a widget may show only in part: only whole ones are measured.
    if (!r.clipped)
      assert.ok(r.h >= 36, `${screen}: "${label}" is ${r.h.toFixed(1)} CSS px high, too small to tap`);
  }
}

// Scrolls the screen with the wheel (a finger's swipe) until the widget is wholly visible.
async function scrollTo(page, label) {
  for (let i = 0; i < 12; ++i) {
    await settle(page);
    const r = await page.evaluate((l) => window.portal.locate(l), label);
    if (r && !r.clipped) return;
    await page.mouse.move(PHONE.width / 2, PHONE.height / 2);
    await page.mouse.wheel(0, 250);
  }
  throw new Error(`"${label}" never came into view`);
}

test('the public view at 390x844, devicePixelRatio 3', async () => {
  const { page, context, errors } = await openApp(chrome.browser, server.url, '?nosw=1', PHONE, { dpr: 3 });
  let s = await state(page);
  assert.equal(s.dpr, 3);
  assert.equal(s.canvas.css_w, PHONE.width);
  assert.equal(s.canvas.fb_w, PHONE.width * 3);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), PHONE.width, 'the page does not scroll sideways');

  await checkLayout(page, 'compare');
  await screenshot(page, 'phone-compare');

  await click(page, 'Which tier fits us?');
  await typeInto(page, 'Organisation name', 'Musée de la Ville');
  await click(page, 'Organisation type');
  await click(page, 'Organisation type/Museum');
  await typeInto(page, 'Country (ISO code)', 'FR');
  await scrollTo(page, 'Technical Review Committee representation');
  await click(page, 'Technical Review Committee representation');
  s = await state(page);
  assert.equal(s.wizard.inputs.name, 'Musée de la Ville');
  assert.equal(s.wizard.inputs.type, 'museum');
  await settle(page);
  await checkLayout(page, 'wizard');
  await screenshot(page, 'phone-wizard');
  await scrollTo(page, 'See what each tier gives us');
  await click(page, 'See what each tier gives us');
  s = await state(page);
  assert.equal(s.wizard.step, 1);
  await checkLayout(page, 'results');
  await screenshot(page, 'phone-results');

  await click(page, 'Request to join');
  assert.equal((await state(page)).screen, 'join');
  await checkLayout(page, 'join');
  await screenshot(page, 'phone-join');
  assert.deepEqual(errors, []);
  await context.close();
});
