'use strict';
// The allow-list takes exact entries only: a wildcard is refused, an entry that matches nothing is stale and
// fails the check, an entry that matches a violation turns it into an allow-listed one.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { readAllowList } = require('../../scripts/lib/contract-allow');
const { runCheck, report } = require('../../scripts/contract');

let dir;
beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contract-allow-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const file = (name, text) => {
	const f = path.join(dir, name);
	fs.writeFileSync(f, text);
	return f;
};
const TABLE = '| provider | operation | field | reason |\n|---|---|---|---|\n';
/** A Constant Contact single event whose answer lacks its required `time_zone` (a node's request). */
const exchange = (answer) => ({
	kind: 'exchange', provider: 'constant-contact', method: 'GET', path: '/v3/events/e1', query: {}, userAgent: 'n8n',
	auth: [{ header: 'authorization', scheme: 'bearer', form: 'opaque' }], status: 200, answer: { json: answer },
});
const EVENT = {
	event_id: '05cf4d60-56ea-4023-bf49-b35e56a9c7b5', campaign_id: '05cf4d60-56ea-4023-bf49-b35e56a9c7b5', name: 'n', title: 't', description: 'd',
	event_start: '2026-01-01T00:00:00Z', event_end: '2026-01-01T01:00:00Z', event_type: 'OTHER', location_type: 'PHYSICAL', default_track: { campaign_activity_id: 'ca5f4d60-56ea-4023-bf49-b35e56a9c7b5' },
};

test('a wildcard, or a row without its reason, is refused', () => {
	expect(() => readAllowList(file('a.md', `${TABLE}| vivenu | GET /api/* | answer 200 | because |\n`))).toThrow(/no wildcards/);
	expect(() => readAllowList(file('b.md', `${TABLE}| vivenu | GET /api/events | answer 200 /rows |  |\n`))).toThrow(/without a reason/);
});

test('a matching entry allow-lists the violation; an entry matching nothing is stale and fails', () => {
	const { time_zone: _tz, ...withoutTimeZone } = EVENT;
	const allow = file('c.md', `${TABLE}| constant-contact | \`GET /events/{event_id}\` | \`answer 200 /time_zone\` | reason |\n| vivenu | \`GET /api/events\` | \`answer 200 /rows\` | reason |\n`);
	const result = runCheck({ log: [exchange(withoutTimeZone)], allow });
	expect(result.figures.violations).toEqual([]);
	expect(result.figures.allowed).toBe(1);
	expect(result.stale.map((e) => `${e.provider} ${e.operation} ${e.field}`)).toEqual(['vivenu GET /api/events answer 200 /rows']);
	const lines = report(result);
	expect(lines).toContain('STALE ALLOW-LIST ENTRY (matched nothing): vivenu | GET /api/events | answer 200 /rows');
	expect(lines[lines.length - 1]).toMatch(/ [1-9]\d* failed$/);
});

test('without the entry the same answer is a violation at that field', () => {
	const { time_zone: _tz, ...withoutTimeZone } = EVENT;
	const result = runCheck({ log: [exchange(withoutTimeZone), exchange({ ...EVENT, time_zone: 'US/Eastern' })], allow: file('d.md', '') });
	expect(result.figures.violations.map((v) => `${v.operation} | ${v.field}`)).toEqual(['GET /events/{event_id} | answer 200 /time_zone']);
	expect(result.rows.find((r) => r.provider === 'constant-contact' && r.name === 'GET /events/{event_id}')).toMatchObject({ requests: 2, answers: 2, violations: 1 });
});
