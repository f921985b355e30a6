// Invoices: an overdue invoice is paid by typing the amount and clicking "Record payment".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, screenshot, state, dispatch, click, staffWithFixture, typeInto } from './harness.mjs';

let server, chrome;
before(async () => { server = await startServer(); chrome = await launch(); });
after(async () => { await chrome?.close(); await server?.close(); });

test('recording a payment on an overdue invoice', async () => {
  const { page, context, errors } = await openApp(chrome.browser, server.url);
  await staffWithFixture(page);
  await click(page, 'Invoices');
  await click(page, 'Overdue');
  let s = await state(page);
  assert.ok(s.invoices.overdue.length > 0, 'the fixture has overdue invoices');
  const id = s.invoices.overdue[0];
  await click(page, `invoice:${id}`);
  s = await state(page);
  assert.equal(s.invoices.selected.id, id);
  assert.equal(s.invoices.selected.status, 'overdue');
  const owed = s.invoices.selected.outstanding;
  const payments = s.book.payments;
  await typeInto(page, 'Payment amount', (owed / 100).toFixed(2));
  await click(page, 'Record payment');
  s = await state(page);
  assert.equal(s.last.ok, true, JSON.stringify(s.last));
  assert.equal(s.book.payments, payments + 1);
  assert.equal(s.invoices.selected.status, 'paid');
  assert.equal(s.invoices.selected.outstanding, 0);
  await screenshot(page, 'invoice-paid');

  // Void and create through the same update() path.
  const created = await dispatch(page, { type: 'invoice.create', org: s.invoices.selected.org, state: 'sent',
    lines: [{ description: 'Workshop', amount: 50000 }] });
  assert.equal(created.ok, true, JSON.stringify(created));
  const voided = await dispatch(page, { type: 'invoice.void', invoice: id });
  assert.equal(voided.ok, false, 'an invoice with payments cannot be voided');
  assert.deepEqual(errors, []);
  await context.close();
});
