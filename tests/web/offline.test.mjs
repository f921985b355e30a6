// Offline (PRODUCT.md F): once the service worker has cached the shell, a reload with the network
// off starts the app from the cache, with the book saved in IndexedDB intact.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, screenshot, state, dispatch, staffWithFixture } from './harness.mjs';

let server, chrome;
before(async () => { server = await startServer(); chrome = await launch(); });
after(async () => { await chrome?.close(); await server?.close(); });

test('an offline reload starts from the cache with the saved book', async () => {
  const { page, context, errors } = await openApp(chrome.browser, server.url);
  // The worker installs (caching the shell) and takes control of the page.
  await page.waitForFunction(() => navigator.serviceWorker.ready.then(() => true), null, { timeout: 30000 });
  await page.waitForFunction(async () => {
    const keys = await caches.keys();
    if (!keys.some((k) => k.startsWith('portal-shell-'))) return false;
    const cache = await caches.open(keys.find((k) => k.startsWith('portal-shell-')));
    return (await cache.keys()).length >= 6;
  }, null, { timeout: 30000 });
  await staffWithFixture(page);
  const r = await dispatch(page, { type: 'org.update', id: 'org-0003', set: { name: 'Saved Before Going Offline' } });
  assert.equal(r.ok, true, JSON.stringify(r));
  await page.waitForFunction(() => {
    const st = window.portal.state().storage;
    return st.loaded && !st.saving && st.last_saved_seq === st.last_seq;
  }, null, { timeout: 30000 });
  const audit = (await state(page)).book.audit;

  await context.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => window.PortalPage && (window.PortalPage.failed ||
    (window.PortalPage.isReady && window.portal.state().storage.loaded)), null, { timeout: 60000 });
  assert.equal(await page.evaluate(() => window.PortalPage.failed), '');
  assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller), 'the page came from the service worker');
  await dispatch(page, { type: 'ui.staff', on: true });
  await dispatch(page, { type: 'filter.set', field: 'text', value: 'saved before going offline' });
  const s = await state(page);
  assert.equal(s.book.organisations, 40);
  assert.equal(s.book.audit, audit);
  assert.equal(s.orgs.count, 1);
  assert.equal(s.sync.online, false, 'the app knows it is offline');
  await dispatch(page, { type: 'ui.navigate', screen: 'orgs' });
  await screenshot(page, 'offline-reload');
  await context.setOffline(false);
  assert.deepEqual(errors, []);
});
