// The fit wizard, typed and clicked as a user would: accented text arrives intact, invalid
// answers are flagged in place, and the results explain every right and the recommendation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, screenshot, state, dispatch, click, settle } from './harness.mjs';

let server, chrome;
before(async () => { server = await startServer(); chrome = await launch(); });
after(async () => { await chrome?.close(); await server?.close(); });

async function type(page, label, text) {
  await click(page, label);
  await page.waitForFunction(() => window.portal.state().want_text_input);
  await settle(page);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await settle(page);
}

test('a library fills in the wizard by keyboard and mouse and gets a recommendation', async () => {
  const { page, context, errors } = await openApp(chrome.browser, server.url);
  await click(page, 'Which tier fits us?');
  await type(page, 'Organisation name', 'Bibliothèque de Zoë');
  let s = await state(page);
  assert.equal(s.wizard.inputs.name, 'Bibliothèque de Zoë');

  await click(page, 'Organisation type');
  await click(page, 'Organisation type/Library');
  await type(page, 'Country (ISO code)', 'France');
  await page.keyboard.press('Tab');
  await settle(page);
  s = await state(page);
  assert.ok(s.wizard.problems.some((p) => p.pointer === '/country'), 'an invalid country is flagged');
  await screenshot(page, 'wizard-invalid');

  await type(page, 'Country (ISO code)', 'fr');
  await click(page, 'A seat on the Executive Committee');
  await click(page, 'See what each tier gives us');
  s = await state(page);
  assert.deepEqual(s.wizard.problems, []);
  assert.equal(s.wizard.inputs.country, 'FR');
  assert.equal(s.wizard.step, 1);
  assert.equal(s.wizard.recommended, 'full');
  assert.ok(s.wizard.reasoning.length > 0);
  const full = s.wizard.tiers.find((t) => t.tier === 'full');
  const associate = s.wizard.tiers.find((t) => t.tier === 'associate');
  assert.equal(full.ec_vote.granted, true);
  assert.equal(associate.ec_vote.granted, false);
  assert.ok(associate.ec_vote.reason.length > 0 && associate.ec_vote.rule.length > 0);
  assert.equal(full.community_groups.granted, true);
  assert.equal(associate.community_groups.granted, true);
  assert.ok(full.net_cost <= full.annual_fee);
  await screenshot(page, 'wizard-results');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a commercial company sees the commercial seat rule', async () => {
  const { page, context } = await openApp(chrome.browser, server.url);
  for (const [field, value] of [['name', 'Pixels GmbH'], ['type', 'company'], ['country', 'DE']])
    await dispatch(page, { type: 'wizard.set', field, value });
  await dispatch(page, { type: 'wizard.toggle', interest: 'ec_seat' });
  const r = await dispatch(page, { type: 'wizard.step', step: 1 });
  assert.equal(r.ok, true);
  const s = await state(page);
  assert.equal(s.wizard.inputs.type, 'company');
  const full = s.wizard.tiers.find((t) => t.tier === 'full');
  assert.match(full.ec_seat.reason, /commercial/i);
  const bad = await dispatch(page, { type: 'wizard.set', field: 'training_seats', value: -3 });
  assert.equal(bad.ok, false);
  await context.close();
});
