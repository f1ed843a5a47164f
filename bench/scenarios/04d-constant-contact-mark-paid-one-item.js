'use strict';
// Scenario 04 with every registration ID in ONE input item (Registration IDs = {{ $json.registration_ids }}),
// as the strongest HTTP Request setup reads them all at once with Execute Once: the same work without
// n8n's per-item costs (1,000 parameter evaluations, 1,000 output items).
const base = require('./04-constant-contact-mark-paid');
const cc = require('../lib/constant-contact');

module.exports = {
  ...base,
  // 04's target (inherited): warm ≥ 1× the one PUT; cold, like 04's, pays the one GET for the default track that
  // the baseline's URL has written in (a node given the Track ID sends no GET), so it is shown, not judged.
  title: `${base.title}, all IDs in one input item`,
  input: ({ data }) => [{ registration_ids: data.ids }],
  ours: ({ data }) => ({
    label: 'Constant Contact node, Update Payment Status, one item with every ID',
    node: cc.ours({
      operation: 'updatePaymentStatus',
      eventId: cc.byId(data.eventId),
      trackId: cc.empty(),
      registrationIds: '={{ $json.registration_ids }}',
      paymentStatus: 'Paid',
      options: {},
    }),
  }),
  baselines: ({ vars, data }) => [
    {
      label: 'HTTP Request, ONE PUT with all IDs',
      strongest: true,
      node: cc.httpRequest(`${vars.CONSTANT_CONTACT_URL}/events/${data.eventId}/tracks/${data.trackId}/registrations/payment_status`, {
        method: 'PUT',
        jsonBody: "={{ JSON.stringify({ registration_ids: $json.registration_ids, payment_status: 'Paid' }) }}",
      }),
    },
  ],
};
