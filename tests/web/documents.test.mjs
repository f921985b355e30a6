// Documents from the browser (issue 7): the printable invoice and the quote opened in a new tab,
// reminders as mailto: drafts recorded once, CSV and directory downloads, application intake.
// Every document must be byte-for-byte what build/native/portal-cli writes for the same book and
// date (PORTAL_CLI overrides the path). Screenshots go to test-artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, launch, openApp, screenshot, state, dispatch, click, settle, repo, artifacts } from './harness.mjs';
import { mkdirSync } from 'node:fs';

const cli = path.resolve(repo, process.env.PORTAL_CLI || 'build/native/portal-cli');
const DEMO = path.join(repo, 'assets/demo-book.json');
const TODAY = '2026-11-22';  // the demo book's date
let server, chrome, dir;

function run(...args) { return execFileSync(cli, args, { cwd: repo, encoding: 'utf8' }); }
function cliFile(name, ...args) {
  const out = path.join(dir, name);
  run(...args, '--out', out);
  return readFileSync(out, 'utf8');
}

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'portal-documents-'));
  server = await startServer();
  chrome = await launch();
});
after(async () => { await chrome?.close(); await server?.close(); if (dir) rmSync(dir, { recursive: true, force: true }); });

// Staff mode on the demo book (imported from the repository's file, the one the CLI reads).
async function staffDemo(page) {
  await dispatch(page, { type: 'ui.staff', on: true });
  await dispatch(page, { type: 'settings.set', field: 'today', value: TODAY });
  const r = await page.evaluate((t) => window.portal.importText('demo-book.json', t), readFileSync(DEMO, 'utf8'));
  assert.equal(r.ok, true, JSON.stringify(r.problems?.slice(0, 3)));
}

// A screenshot of an opened document (a plain page: no window.portal to wait for).
async function docShot(tab, name) {
  mkdirSync(artifacts, { recursive: true });
  await tab.setViewportSize({ width: 1280, height: 720 });
  await tab.screenshot({ path: path.join(artifacts, `${name}.png`) });
}

// Clicks a button that opens a document and returns the new tab, loaded.
async function clickOpening(context, page, label) {
  const tab = context.waitForEvent('page');
  await click(page, label);
  const opened = await tab;
  await opened.waitForLoadState('load');
  return opened;
}

// Clicks a button that offers a download and returns its text.
async function clickDownload(page, label) {
  const download = page.waitForEvent('download');
  await click(page, label);
  const d = await download;
  return { name: d.suggestedFilename(), text: readFileSync(await d.path(), 'utf8') };
}

test('the printable invoice opens in a tab, equals the CLI, and downloads', async () => {
  const { page, context, errors } = await openApp(chrome.browser, server.url);
  await staffDemo(page);
  await click(page, 'Invoices');
  await click(page, 'Overdue');
  const id = (await state(page)).invoices.overdue[0];
  assert.ok(id, 'the demo book has an overdue invoice');
  await click(page, `invoice:${id}`);
  const selected = (await state(page)).invoices.selected;
  const tab = await clickOpening(context, page, 'Open printable invoice');
  const doc = await page.evaluate(() => window.portal.lastDocument());
  assert.equal(doc.name, `invoice-${selected.number}.html`);
  assert.equal(doc.html, cliFile('invoice.html', 'invoice-html', '--book', DEMO, '--invoice', id, '--on', TODAY));
  const shown = await tab.textContent('body');
  assert.ok(shown.includes(selected.number), 'the tab shows the invoice number');
  const due = (selected.outstanding / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
  assert.ok(shown.includes(due), `the tab shows the amount due ${due}`);
  await docShot(tab, 'doc-invoice-tab');
  await screenshot(page, 'doc-invoices');
  const s = await state(page);
  assert.deepEqual(s.opened.at(-1).kind, 'invoice');
  const file = await clickDownload(page, 'Download HTML##invoice');
  assert.equal(file.name, `invoice-${selected.number}.html`);
  assert.equal(file.text, doc.html);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a printable quote for the recommended tier, with an indicative local equivalent', async () => {
  const { page, context, errors } = await openApp(chrome.browser, server.url);
  for (const [field, value] of [['name', 'Stadtbibliothek Beispiel'], ['type', 'library'], ['country', 'DE'],
    ['conference_attendees', 4], ['training_seats', 2]])
    await dispatch(page, { type: 'wizard.set', field, value });
  await dispatch(page, { type: 'ui.currency', code: 'EUR' });
  await dispatch(page, { type: 'wizard.step', step: 1 });
  const s = await state(page);
  const tier = s.wizard.recommended;
  assert.ok(tier, 'a tier is recommended');
  const tierLabel = await page.evaluate(() => window.portal.labels().find((l) => l.endsWith('##quote') && l.startsWith('Printable')));
  const tab = await clickOpening(context, page, tierLabel);
  const doc = await page.evaluate(() => window.portal.lastDocument());
  writeFileSync(path.join(dir, 'application.json'), JSON.stringify(s.wizard.inputs));
  const expected = cliFile('quote.html', 'quote', '--application', path.join(dir, 'application.json'), '--tier', tier,
    '--on', s.today, '--currency', 'EUR');
  assert.equal(doc.html, expected);
  const text = await tab.textContent('body');
  assert.ok(text.includes('Stadtbibliothek Beispiel'));
  assert.match(text, /indicative/i);
  assert.match(text, /EUR/);
  assert.match(text, /[Vv]alid until/);
  await docShot(tab, 'doc-quote-tab');
  await screenshot(page, 'doc-wizard-quote');
  const file = await clickDownload(page, 'Download quote##quote');
  assert.equal(file.text, expected);
  assert.deepEqual(errors, []);
  await context.close();
});

test('reminders: an email draft is a mailto: link, recorded once; .eml downloads', async () => {
  const { page, context, errors } = await openApp(chrome.browser, server.url);
  await staffDemo(page);
  await click(page, 'Reminders');
  let s = await state(page);
  assert.ok(s.reminders.count >= 2, `reminders due on ${TODAY}: ${s.reminders.count}`);
  const plan = JSON.parse(run('reminders', '--book', DEMO, '--on', TODAY, '--out', path.join(dir, 'eml'), '--json'));
  assert.deepEqual(s.reminders.drafts.map((d) => [d.invoice, d.stage]),
    plan.drafts.slice(0, 20).map((d) => [d.invoice, d.stage]), 'the same plan as portal-cli reminders');
  await screenshot(page, 'doc-reminders');
  const first = s.reminders.drafts[0];
  const audit = s.book.audit;
  await click(page, `Email draft##${first.invoice}`);
  const opened = await page.evaluate(() => window.portal.lastOpened());
  assert.equal(opened, plan.drafts[0].mailto, 'the mailto: link of the core');
  assert.ok(opened.startsWith('mailto:') && opened.includes('subject=') && opened.includes('body='));
  s = await state(page);
  assert.equal(s.last.ok, true, JSON.stringify(s.last));
  assert.equal(s.book.audit, audit + 1, 'recorded in the audit log');
  assert.equal(s.reminders.count, plan.drafts.length - 1);
  assert.ok(!s.reminders.drafts.some((d) => d.invoice === first.invoice), 'never offered twice');
  const again = await dispatch(page, { type: 'reminder.email', invoice: first.invoice, stage: first.stage });
  assert.equal(again.ok, false);

  const second = s.reminders.drafts[0];
  const eml = await clickDownload(page, `.eml##${second.invoice}`);
  assert.equal(eml.name, `${second.number}-${second.stage}.eml`);
  assert.equal(eml.text, readFileSync(path.join(dir, 'eml', eml.name), 'utf8'), 'the same message as portal-cli');
  assert.match(eml.text, /^From: /m);
  assert.ok(!(await state(page)).reminders.drafts.some((d) => d.invoice === second.invoice));
  assert.deepEqual(errors, []);
  await context.close();
});

test('CSV exports and the directory page are the bytes portal-cli writes', async () => {
  const { page, context, errors } = await openApp(chrome.browser, server.url);
  await staffDemo(page);
  await click(page, 'Import / export');
  await screenshot(page, 'doc-exports');
  for (const [what, label] of [['organisations', 'organisations.csv'], ['invoices', 'invoices.csv'],
    ['payments', 'payments.csv'], ['aging', 'Receivables aging.csv']]) {
    const file = await clickDownload(page, label);
    assert.equal(file.name, `portal-${what}-${TODAY}.csv`);
    assert.equal(file.text, cliFile(`${what}.csv`, 'export-csv', '--book', DEMO, '--what', what, '--on', TODAY), what);
  }
  const members = await clickDownload(page, 'Download members.html');
  assert.equal(members.text, cliFile('members.html', 'directory', '--book', DEMO, '--on', TODAY));
  const tab = await clickOpening(context, page, 'Open the member directory page');
  assert.equal((await page.evaluate(() => window.portal.lastDocument())).html, members.text);
  await docShot(tab, 'doc-directory-tab');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a join request file becomes a prospect; a duplicate or a bad file changes nothing', async () => {
  const { page, context, errors } = await openApp(chrome.browser, server.url);
  await staffDemo(page);
  await click(page, 'Import / export');
  const application = { schema: 'portal-application/1', name: 'Musée Exemplaire de Test', type: 'museum', country: 'FR',
    usage: { conference_attendees: 2, training_seats: 1 }, interests: ['trc_seat'], tier: 'associate',
    contact_name: 'Claire Dupont', contact_email: 'claire@example.org' };
  const before = (await state(page)).book.prospects;
  let r = await page.evaluate((t) => window.portal.importText('application.json', t), JSON.stringify(application));
  assert.equal(r.kind, 'application');
  assert.equal(r.ok, true, JSON.stringify(r.problems));
  assert.ok(r.prospect.startsWith('prospect-'));
  let s = await state(page);
  assert.equal(s.book.prospects, before + 1);
  await settle(page);
  await screenshot(page, 'doc-intake');

  // The same organisation with different case and accents: the existing prospect is named.
  const dup = { ...application, name: 'MUSEE exemplaire de test' };
  r = await page.evaluate((t) => window.portal.importText('again.json', t), JSON.stringify(dup));
  assert.equal(r.ok, false);
  assert.ok(r.duplicate.includes(s.import.prospect), r.duplicate);
  assert.equal(r.problems[0].pointer, '/application/name');
  assert.equal((await state(page)).book.prospects, before + 1, 'not created twice');
  await screenshot(page, 'doc-intake-duplicate');

  // An existing organisation of the demo book is a duplicate too.
  const book = JSON.parse(readFileSync(DEMO, 'utf8'));
  const org = book.organisations[0];
  r = await page.evaluate((t) => window.portal.importText('member.json', t),
    JSON.stringify({ ...application, name: org.name, country: org.country }));
  assert.equal(r.ok, false);
  assert.ok(r.duplicate.startsWith('organisation'), r.duplicate);

  const bad = { ...application, name: 'Another Museum', type: 'spaceship', usage: { conference_attendees: -1 } };
  r = await page.evaluate((t) => window.portal.importText('bad.json', t), JSON.stringify(bad));
  assert.equal(r.ok, false);
  const pointers = r.problems.map((p) => p.pointer);
  assert.ok(pointers.includes('/application/type'), JSON.stringify(pointers));
  assert.equal((await state(page)).book.prospects, before + 1, 'nothing applied on error');
  assert.deepEqual(errors, []);
  await context.close();
});

test('hostile organisation names in opened documents show as text and run nothing', async () => {
  const { page, context, errors } = await openApp(chrome.browser, server.url);
  await staffDemo(page);
  const dialogs = [];
  const watch = (p) => p.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  context.on('page', watch);
  watch(page);
  await click(page, 'Invoices');
  for (const [id, name] of [['org-hostile-script', '<script>alert(1)</script>'], ['org-hostile-img', '"><img src=x onerror=alert(1)>']]) {
    let r = await dispatch(page, { type: 'org.add', org: { id, name, type: 'company', country: 'US', tier: 'full',
      member_since: '2026-01-01', listed: true, contacts: [{ name: 'A', email: 'a@example.org', role: 'billing' }] } });
    assert.equal(r.ok, true, JSON.stringify(r));
    r = await dispatch(page, { type: 'invoice.create', org: id, state: 'sent', lines: [{ description: name, amount: 50000 }] });
    assert.equal(r.ok, true, JSON.stringify(r));
    const newest = (await state(page)).invoices.newest;
    await click(page, `invoice:${newest}`);  // the newest invoice is the first row
    const tab = await clickOpening(context, page, 'Open printable invoice');
    const text = await tab.textContent('body');
    assert.ok(text.includes(name), `"${name}" shows as text`);
    assert.equal(await tab.locator('img, script').count(), 0, 'no element injected');
    await docShot(tab, `doc-hostile-${id}`);
    await tab.close();
  }
  // A quote asked for by an organisation with a hostile name (the public wizard).
  for (const [field, value] of [['name', '"><img src=x onerror=alert(1)>'], ['type', 'company'], ['country', 'US']])
    assert.equal((await dispatch(page, { type: 'wizard.set', field, value })).ok, true);
  assert.equal((await dispatch(page, { type: 'wizard.step', step: 1 })).ok, true);
  const quoteTab = context.waitForEvent('page');
  assert.equal((await dispatch(page, { type: 'quote.open' })).ok, true);
  const quote = await quoteTab;
  await quote.waitForLoadState('load');
  assert.ok((await quote.textContent('body')).includes('"><img src=x onerror=alert(1)>'));
  assert.equal(await quote.locator('img, script').count(), 0);
  await quote.close();

  // The directory lists both (listed, full members in good standing: their invoice is not due yet).
  await click(page, 'Import / export');
  const tab = await clickOpening(context, page, 'Open the member directory page');
  const text = await tab.textContent('body');
  assert.ok(text.includes('<script>alert(1)</script>') && text.includes('"><img src=x onerror=alert(1)>'));
  assert.equal(await tab.locator('img, script').count(), 0);
  assert.deepEqual(dialogs, [], 'no dialog opened');
  assert.deepEqual(errors, []);
  await context.close();
});
