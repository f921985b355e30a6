// Generated documents (invoice, directory, quote) open in Chromium without running anything a
// name smuggles in: no dialog opens, the hostile names show as text, no <script>/<img> element
// exists. Runs build/native/portal-cli (PORTAL_CLI overrides) from the repo root; saves screenshots
// to test-artifacts/ (invoice.png and directory.png are the ones shown in docs/screenshots/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, repo, artifacts } from './harness.mjs';

const cli = path.resolve(repo, process.env.PORTAL_CLI || 'build/native/portal-cli');
const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
let chrome, dir;

function run(...args) { return execFileSync(cli, args, { cwd: repo, encoding: 'utf8' }); }

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'portal-escaping-'));
  const book = JSON.parse(readFileSync(path.join(repo, 'assets/demo-book.json'), 'utf8'));
  // Two members of the public directory on the demo date (listed, in good standing) get the hostile names.
  run('export-public', '--catalog', path.join(repo, 'assets/catalog.json'), '--book', path.join(repo, 'assets/demo-book.json'),
      '--on', '2026-11-22', '--out', path.join(dir, 'public.json'));
  const publicIds = JSON.parse(readFileSync(path.join(dir, 'public.json'), 'utf8')).organisations.map((o) => o.id);
  const listed = publicIds.slice(0, 2).map((id) => book.organisations.find((o) => o.id === id));
  listed[0].name = SCRIPT;
  listed[1].name = IMG;
  writeFileSync(path.join(dir, 'hostile.json'), JSON.stringify(book));
  const invoiceOf = (org) => book.invoices.filter((i) => i.org === org.id).at(-1).number;
  run('invoice-html', '--book', path.join(dir, 'hostile.json'), '--invoice', invoiceOf(listed[0]), '--on', '2026-11-22',
      '--out', path.join(dir, 'invoice-script.html'));
  run('invoice-html', '--book', path.join(dir, 'hostile.json'), '--invoice', invoiceOf(listed[1]), '--on', '2026-11-22',
      '--out', path.join(dir, 'invoice-img.html'));
  run('directory', '--book', path.join(dir, 'hostile.json'), '--on', '2026-11-22', '--out', path.join(dir, 'directory-hostile.html'));
  run('quote', '--tier', 'full', '--name', SCRIPT, '--type', 'company', '--country', 'US', '--currency', 'EUR',
      '--on', '2026-11-22', '--out', path.join(dir, 'quote-hostile.html'));
  // Clean documents from the demo book, for the screenshots in docs/.
  const demo = JSON.parse(readFileSync(path.join(repo, 'assets/demo-book.json'), 'utf8'));
  const paidPart = new Map();
  for (const p of demo.payments) paidPart.set(p.invoice, (paidPart.get(p.invoice) || 0) + p.amount);
  const shown = demo.invoices.find((i) => i.membership_year === 2026 && i.status === 'sent' && paidPart.get(i.id) &&
    paidPart.get(i.id) < i.lines.reduce((s, l) => s + l.amount, 0)) || demo.invoices.at(-1);
  run('invoice-html', '--book', path.join(repo, 'assets/demo-book.json'), '--invoice', shown.number, '--on', '2026-11-22',
      '--out', path.join(dir, 'invoice.html'));
  run('directory', '--book', path.join(repo, 'assets/demo-book.json'), '--on', '2026-11-22', '--out', path.join(dir, 'directory.html'));
  run('quote', '--tier', 'associate', '--name', 'Example City Library', '--type', 'library', '--country', 'DE',
      '--currency', 'EUR', '--on', '2026-11-22', '--out', path.join(dir, 'quote.html'));
  chrome = await launch();
});
after(async () => { await chrome?.close(); if (dir) rmSync(dir, { recursive: true, force: true }); });

async function open(file, viewport = { width: 900, height: 1200 }) {
  const context = await chrome.browser.newContext({ viewport });
  const page = await context.newPage();
  const dialogs = [];
  const errors = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(pathToFileURL(path.join(dir, file)).href);
  await page.waitForLoadState('load');
  await page.waitForTimeout(200);  // an onerror handler would have fired by now
  return { page, context, dialogs, errors };
}

async function assertInert(file, names) {
  const { page, context, dialogs, errors } = await open(file);
  const text = await page.evaluate(() => document.body.innerText);
  for (const n of names) assert.ok(text.includes(n), `${file}: "${n}" is not visible as text`);
  assert.equal(await page.locator('script').count(), 0, `${file}: a <script> element exists`);
  assert.equal(await page.locator('img').count(), 0, `${file}: an <img> element exists`);
  assert.deepEqual(dialogs, [], `${file}: a dialog opened`);
  assert.deepEqual(errors, []);
  return { page, context };
}

test('invoices show hostile names as text and run nothing', async () => {
  const a = await assertInert('invoice-script.html', [SCRIPT]);
  mkdirSync(artifacts, { recursive: true });
  await a.page.screenshot({ path: path.join(artifacts, 'invoice-escaping.png'), fullPage: true });
  await a.context.close();
  const b = await assertInert('invoice-img.html', [IMG]);
  await b.context.close();
});

test('the directory shows hostile names as text and runs nothing', async () => {
  const { context } = await assertInert('directory-hostile.html', [SCRIPT, IMG]);
  await context.close();
});

test('the quote shows a hostile name as text and runs nothing', async () => {
  const { context } = await assertInert('quote-hostile.html', [SCRIPT]);
  await context.close();
});

test('clean documents render for the screenshots', async () => {
  mkdirSync(artifacts, { recursive: true });
  for (const name of ['invoice', 'directory', 'quote']) {
    const { page, context, dialogs, errors } = await open(`${name}.html`, { width: 900, height: 1250 });
    const h1 = await page.locator('h1').first().innerText();
    assert.ok(h1.length > 0, `${name}: no heading`);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(errors, []);
    await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: name !== 'directory' });
    await context.close();
  }
});
