'use strict';
// On Error = Continue: the failing middle item becomes an error item, the others are fetched, pairing kept.
exports.check = async ({ output, assert }) => {
  const listed = output.json('Get Many Payments');
  assert.equal(listed.length, 3);
  const items = output.items('Get Payment');
  assert.equal(items.length, 3);
  assert.equal(items[0].json._id, listed[0]._id);
  assert.equal(items[1].json.error, 'Fourvenues error 404: Payment not found [item 1]');
  assert.equal(items[2].json._id, listed[2]._id);
  assert.deepEqual(items.map((i) => i.pairedItem && i.pairedItem.item), [0, 1, 2]);
};
