import { resetSharedLimits, throttleFor } from '../../nodes/common/limits/throttle';
import { DEFAULT_TRACK_TTL_MS, forgetTrack, rememberedTrack, type Memo } from '../../nodes/ConstantContact/helpers/trackCache';

const T = 1_000_000;
// Two credentials' throttle memos.
let A: Memo;
let B: Memo;

/** A lookup that counts its calls and answers `track`. */
function lookup(track: string) {
	const calls = { n: 0 };
	return { calls, load: async () => (calls.n++, track) };
}

beforeEach(() => {
	A = new Map();
	B = new Map();
});

describe("Constant Contact's remembered default tracks (helpers/trackCache.ts)", () => {
	test('one lookup per credential and event until the expiry, then one again', async () => {
		const { calls, load } = lookup('abc123');
		expect(await rememberedTrack(A, 'ev1', load, DEFAULT_TRACK_TTL_MS, T)).toBe('abc123');
		expect(await rememberedTrack(A, 'ev1', load, DEFAULT_TRACK_TTL_MS, T + DEFAULT_TRACK_TTL_MS - 1)).toBe('abc123');
		expect(calls.n).toBe(1);
		await rememberedTrack(A, 'ev1', load, DEFAULT_TRACK_TTL_MS, T + DEFAULT_TRACK_TTL_MS);
		expect(calls.n).toBe(2);
		expect(DEFAULT_TRACK_TTL_MS).toBe(5 * 60 * 1000);
	});

	test('credentials and events do not share an entry; concurrent callers share one lookup', async () => {
		const { calls, load } = lookup('abc123');
		await Promise.all([rememberedTrack(A, 'ev1', load, 1000, T), rememberedTrack(A, 'ev1', load, 1000, T)]);
		expect(calls.n).toBe(1);
		await rememberedTrack(B, 'ev1', load, 1000, T);
		await rememberedTrack(A, 'ev2', load, 1000, T);
		expect(calls.n).toBe(3);
	});

	test('a failed lookup is not remembered', async () => {
		await expect(rememberedTrack(A, 'ev1', async () => Promise.reject(new Error('503')), 1000, T)).rejects.toThrow('503');
		const { calls, load } = lookup('abc123');
		expect(await rememberedTrack(A, 'ev1', load, 1000, T)).toBe('abc123');
		expect(calls.n).toBe(1);
	});

	test('forgetTrack drops only the stale key, not a newer one another execution stored', async () => {
		await rememberedTrack(A, 'ev1', lookup('old111').load, 1000, T);
		await forgetTrack(A, 'ev1', 'other1');
		const kept = lookup('x');
		expect(await rememberedTrack(A, 'ev1', kept.load, 1000, T)).toBe('old111');
		await forgetTrack(A, 'ev1', 'old111');
		const fresh = lookup('new222');
		expect(await rememberedTrack(A, 'ev1', fresh.load, 1000, T)).toBe('new222');
		expect([kept.calls.n, fresh.calls.n]).toEqual([0, 1]);
	});

	test('resetSharedLimits forgets the tracks too (a restart)', async () => {
		const memo = () => throttleFor('constantContactOAuth2Api', 'cred-a\u0000https://api.cc.email', { documented: 4 }, 1).memo;
		await rememberedTrack(memo(), 'ev1', lookup('old111').load, 1000, T);
		resetSharedLimits();
		const again = lookup('abc123');
		await rememberedTrack(memo(), 'ev1', again.load, 1000, T);
		expect(again.calls.n).toBe(1);
	});
});
