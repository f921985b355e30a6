// A synthetic portal-book/1 text with `n` organisations (no invoices), for the browser
// measurements (bench/web_app.mjs, bench/browser_store.mjs).
export function bigBook(n) {
  const types = ['library', 'museum', 'archive', 'university', 'company', 'government'];
  const tiers = ['full', 'associate', null];
  const organisations = [];
  for (let i = 0; i < n; i++) {
    const tier = tiers[i % 3];
    const o = { id: 'org-' + i, name: `Organisation ${(i * 7919) % n} ${['Library', 'Museum', 'Archive', 'Institut'][i % 4]}`,
      type: types[i % 6], country: ['FR', 'DE', 'GB', 'US', 'JP', 'BR'][i % 6], tier, listed: i % 2 === 0, contacts: [], notes: '' };
    if (tier) o.member_since = `2020-0${1 + (i % 9)}-1${i % 9}`;
    organisations.push(o);
  }
  return JSON.stringify({ schema: 'portal-book/1', organisations, committees: { ec: [], oc: [], trc: [] },
    invoices: [], payments: [], prospects: [] });
}
