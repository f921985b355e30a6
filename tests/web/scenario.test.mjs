// The scenario modeller (staff, issue 5): editing fees, a new tier, the pipeline toggle and churn
// through the screen; the projection shown equals `portal-cli scenario` for the downloaded
// scenario file; a scenario file loads through the import input, and a bad one lists its problems.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, launch, openApp, screenshot, state, dispatch, click, typeInto, repo } from './harness.mjs';

const cli = path.resolve(repo, process.env.PORTAL_CLI || 'build/native/portal-cli');
const DEMO = path.join(repo, 'assets/demo-book.json');
const TODAY = '2026-11-22';
let server, chrome, dir;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'portal-scenario-'));
  server = await startServer();
  chrome = await launch();
});
after(async () => { await chrome?.close(); await server?.close(); if (dir) rmSync(dir, { recursive: true, force: true }); });

function cliProjection(scenario) {
  const file = path.join(dir, 'scenario.json');
  writeFileSync(file, typeof scenario === 'string' ? scenario : JSON.stringify(scenario));
  return JSON.parse(execFileSync(cli, ['scenario', '--catalog', path.join(repo, 'assets/catalog.json'), '--book', DEMO,
    '--scenario', file, '--on', TODAY], { encoding: 'utf8' }));
}

test('editing a scenario on screen gives the projection portal-cli computes', async () => {
  const { page, context, errors } = await openApp(chrome.browser, server.url);
  await dispatch(page, { type: 'ui.staff', on: true });
  await dispatch(page, { type: 'settings.set', field: 'today', value: TODAY });
  const r = await page.evaluate((t) => window.portal.importText('demo-book.json', t), readFileSync(DEMO, 'utf8'));
  assert.equal(r.ok, true);
  await click(page, 'Scenarios');
  let s = await state(page);
  assert.equal(s.screen, 'scenario');
  assert.deepEqual(s.scenario.problems, []);
  const base = s.scenario.result;
  assert.deepEqual(base, cliProjection(s.scenario.doc), 'unchanged scenario');
  assert.equal(base.projected_year, 2027);

  // A fee change typed into the full tier's field, the pipeline, a new tier, churn: all by clicks.
  await typeInto(page, '##fee:full', '12000');
  await click(page, 'Include the pipeline at its probabilities');
  await click(page, 'Add a new tier');
  await typeInto(page, 'Annual fee##newtier', '1500');
  await typeInto(page, '##from:associate', '4');
  s = await state(page);
  assert.deepEqual(s.scenario.problems, []);
  assert.equal(s.scenario.doc.fee_changes.full, 1200000);
  assert.equal(s.scenario.doc.pipeline, true);
  assert.equal(s.scenario.doc.new_tiers[0].annual_fee, 150000);
  assert.deepEqual(s.scenario.doc.new_tiers[0].conversions.from, { associate: 4 });
  const tiers = s.scenario.result.tiers.map((t) => t.tier);
  assert.ok(tiers.includes('supporter'));
  assert.notEqual(s.scenario.result.total.projected, base.total.projected);
  await screenshot(page, 'scenario');

  // The downloaded file is the scenario on screen, and the CLI agrees with the screen.
  const download = page.waitForEvent('download');
  await click(page, 'Download scenario JSON');
  const text = readFileSync(await (await download).path(), 'utf8');
  assert.deepEqual(JSON.parse(text), s.scenario.doc);
  assert.deepEqual(s.scenario.result, cliProjection(text));

  // Loading a file through the import input; a bad one keeps its problems on screen.
  const loaded = await page.evaluate((t) => window.portal.importText('s.json', t),
    JSON.stringify({ schema: 'portal-scenario/1', name: 'Churn only', churn_per_mille: 100 }));
  assert.equal(loaded.kind, 'scenario');
  assert.equal(loaded.ok, true, JSON.stringify(loaded.problems));
  s = await state(page);
  assert.equal(s.screen, 'scenario');
  assert.ok(s.scenario.result.total.projected < base.total.projected, 'churn lowers the projection');
  const bad = await page.evaluate((t) => window.portal.importText('bad.json', t),
    JSON.stringify({ schema: 'portal-scenario/1', fee_changes: { full: -5, gold: 100 } }));
  assert.equal(bad.ok, false);
  const pointers = bad.problems.map((p) => p.pointer).sort();
  assert.deepEqual(pointers, ['/fee_changes/full', '/fee_changes/gold']);
  s = await state(page);
  assert.equal(s.scenario.result, undefined, 'no projection for an invalid scenario');
  await screenshot(page, 'scenario-invalid');
  assert.equal((await dispatch(page, { type: 'scenario.reset' })).ok, true);
  assert.deepEqual((await state(page)).scenario.result, base);
  assert.deepEqual(errors, []);
  await context.close();
});
