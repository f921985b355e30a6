// A staff edit by keyboard and mouse: the change goes through the core reducer, lands in the
// book and the audit log; an invalid value is flagged beside its field and changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, screenshot, state, dispatch, click, staffWithFixture, typeInto } from './harness.mjs';

let server, chrome;
before(async () => { server = await startServer(); chrome = await launch(); });
after(async () => { await chrome?.close(); await server?.close(); });

test('editing an organisation, with inline validation', async () => {
  const { page, context, errors } = await openApp(chrome.browser, server.url);
  await staffWithFixture(page);
  await click(page, 'Organisations');
  let s = await state(page);
  assert.equal(s.screen, 'orgs');
  assert.equal(s.orgs.count, 40);
  const first = s.orgs.rows[0];
  await click(page, `row:${first.id}`);
  s = await state(page);
  assert.equal(s.screen, 'org_edit');
  assert.equal(s.editor.selected, first.id);

  const audit = s.book.audit;
  await typeInto(page, 'Country', 'Germany');
  await click(page, 'Save');
  s = await state(page);
  assert.equal(s.last.ok, false);
  assert.ok(s.editor.problems.some((p) => p.pointer === '/country'), JSON.stringify(s.editor.problems));
  assert.equal(s.book.audit, audit, 'nothing applied');
  await screenshot(page, 'staff-invalid');

  await typeInto(page, 'Country', 'DE');
  await typeInto(page, 'Name', 'Zoë Research Library');
  await click(page, 'Save');
  s = await state(page);
  assert.equal(s.last.ok, true, JSON.stringify(s.last));
  assert.equal(s.last.type, 'draft.save');
  assert.equal(s.book.audit, audit + 1);
  assert.equal(s.editor.draft.name, 'Zoë Research Library');
  assert.equal(s.editor.draft.country, 'DE');
  await dispatch(page, { type: 'filter.set', field: 'text', value: 'zoë research' });
  s = await state(page);
  assert.equal(s.orgs.count, 1);
  assert.equal(s.orgs.rows[0].id, first.id);
  await screenshot(page, 'staff-saved');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the public view never reaches staff screens or book actions', async () => {
  const { page, context } = await openApp(chrome.browser, server.url);
  assert.equal((await dispatch(page, { type: 'ui.navigate', screen: 'orgs' })).ok, false);
  const r = await dispatch(page, { type: 'org.add', org: { name: 'X', type: 'library', country: 'FR' } });
  assert.equal(r.ok, false);
  const s = await state(page);
  assert.equal(s.book, undefined, 'no book figures in the public state');
  await context.close();
});
