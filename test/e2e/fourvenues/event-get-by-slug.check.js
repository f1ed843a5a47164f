'use strict';
// Event → Get "By Slug" uses GET /events/by-slug/{slug}; Simplify keeps the useful fields.
exports.prepare = async ({ emulator }) => {
  const state = await emulator.state('fourvenues');
  return { DEMO_EVENT_SLUG: state.events.find((e) => e._id === state.fixtures.demoEventId).slug };
};

exports.check = async ({ output, emulator, assert, vars }) => {
  const state = await emulator.state('fourvenues');
  const ev = state.events.find((e) => e.slug === vars.DEMO_EVENT_SLUG);
  const [out] = output.json('Get Event');
  assert.deepEqual(out, {
    _id: ev._id,
    name: ev.name,
    slug: ev.slug,
    display_date: ev.display_date,
    start_date: ev.start_date,
    end_date: ev.end_date,
    organization_id: ev.organization_id,
    location_id: ev.location_id,
    location_name: ev.location.name,
    location_city: ev.location.city,
    timezone: ev.location.timezone,
    age: ev.age,
    image_url: ev.image_url,
    ticket_rate_count: ev.ticket_rates.length,
  });
  const [request] = await emulator.requests('fourvenues');
  assert.equal(request.providerPath, `/events/by-slug/${ev.slug}`);
};
