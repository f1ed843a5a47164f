'use strict';
// Get Many with Return All walks every page: 2345 transactions → pages of top=1000 at skip 0, 1000, 2000.
exports.emulator = { seed: 7, size: { vivenu: { transactions: 2345 } } };

exports.check = async ({ output, emulator, assert }) => {
  const state = await emulator.state('vivenu');
  const mine = state.transactions.filter((t) => t.sellerId === state.fixtures.sellerId);
  const items = output.json('Get Many Transactions');
  assert.equal(items.length, mine.length, 'one item per transaction of the seller');
  assert.equal(new Set(items.map((t) => t._id)).size, items.length, 'no duplicates across pages');
  assert.deepEqual(new Set(items.map((t) => t._id)), new Set(mine.map((t) => t._id)));
  assert.ok(items.every((t) => typeof t.ticketCount === 'number' && !('secret' in t)), 'Simplify output (no secret tokens)');

  const pages = (await emulator.requests('vivenu')).filter((r) => r.method === 'GET' && r.providerPath === '/api/transactions');
  assert.ok(pages.length >= 3, `expected at least 3 pages, got ${pages.length}`);
  for (const r of pages) {
    assert.equal(r.query.top, '1000', `every page asks for top=1000 (got ${r.rawQuery})`);
    assert.equal(r.status, 200);
    assert.equal(r.headers.authorization, 'Bearer key_emulator_vivenu_demo');
  }
  // The first page tells the total; the pages after it go out in parallel, so they may arrive in any order.
  const skips = pages.map((r) => Number(r.query.skip || 0));
  assert.equal(skips[0], 0, 'the first page is read first');
  assert.deepEqual(skips.sort((a, b) => a - b), [0, 1000, 2000]);
};
