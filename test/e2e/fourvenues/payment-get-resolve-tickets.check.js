'use strict';
// Payment → Get with Resolve Tickets: the payment plus the tickets its resource_ids point at.
exports.prepare = async ({ emulator }) => {
  const { fixtures } = await emulator.state('fourvenues');
  return { MULTI_TICKET_PAYMENT_ID: fixtures.multiTicketPaymentId };
};

exports.check = async ({ output, emulator, assert, vars }) => {
  const state = await emulator.state('fourvenues');
  const payment = state.payments.find((p) => p._id === vars.MULTI_TICKET_PAYMENT_ID);
  const [out] = output.json('Get Payment');
  assert.ok(payment.resource_ids.length >= 3);
  assert.deepEqual(out, {
    ...payment,
    resolved_tickets: payment.resource_ids.map((id) => state.tickets.find((t) => t._id === id)),
    unresolved_ticket_ids: [],
  });
  const lines = (await emulator.requests('fourvenues')).map((r) => r.providerPath);
  assert.equal(lines[0], `/payments/${payment._id}`);
  assert.ok(lines.slice(1).every((p) => p === '/tickets'), 'the tickets are read from GET /tickets?event_id=');
};
