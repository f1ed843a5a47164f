/**
 * How long an event's default track is trusted without asking again. A track key rarely changes (only
 * when the organiser replaces the event's track), and a PUT to a stale one answers 404 and changes
 * nothing, so the node then asks again at once (helpers/bulk.ts); the expiry bounds how long a read
 * that does not notice (none today) could use an old key.
 */
export const DEFAULT_TRACK_TTL_MS = 5 * 60 * 1000;

/** At most this many events per credential are remembered; the oldest go first. */
const MAX_EVENTS_PER_SCOPE = 1000;

interface Entry {
	track: Promise<string>;
	/** Date.now() after which the entry is not used. */
	until: number;
}

/** A credential's memo at one API origin (`client.throttle.memo`, see nodes/common/limits/throttle.ts). */
export type Memo = Map<string, unknown>;

/**
 * Default tracks remembered by the whole n8n process on the credential's throttle (one per credential
 * and API origin), by event ID, shared by every item and execution, and forgotten with the throttle. A
 * lookup in flight is shared too, so concurrent executions send one GET; a failed one is not kept. Time
 * comes from `Date.now()` (no timers): an entry past its expiry is simply not used.
 */
function storeOf(memo: Memo): Map<string, Entry> {
	let store = memo.get('constantContact.defaultTracks') as Map<string, Entry> | undefined;
	if (!store) {
		store = new Map();
		memo.set('constantContact.defaultTracks', store);
	}
	return store;
}

function prune(store: Map<string, Entry>, now: number): void {
	for (const [event, entry] of store) if (entry.until <= now) store.delete(event);
	while (store.size >= MAX_EVENTS_PER_SCOPE) store.delete(store.keys().next().value as string);
}

/**
 * The event's default track: the remembered one while it is fresh, else `load()` (its answer is
 * remembered for `ttlMs` from when it was asked for).
 */
export async function rememberedTrack(memo: Memo, eventId: string, load: () => Promise<string>, ttlMs = DEFAULT_TRACK_TTL_MS, now = Date.now()): Promise<string> {
	const store = storeOf(memo);
	const known = store.get(eventId);
	if (known && known.until > now) return await known.track;
	prune(store, now);
	const track = load();
	const entry: Entry = { track, until: now + ttlMs };
	store.set(eventId, entry);
	// Only this lookup's entry is dropped on failure, never a newer one.
	track.catch(() => store.get(eventId) === entry && store.delete(eventId));
	return await track;
}

/**
 * Drops the event's remembered track if it is still `staleTrack` (a PUT to it answered 404). A newer
 * entry, e.g. from another execution that already asked again, is kept.
 */
export async function forgetTrack(memo: Memo, eventId: string, staleTrack: string): Promise<void> {
	const store = memo.get('constantContact.defaultTracks') as Map<string, Entry> | undefined;
	const entry = store?.get(eventId);
	if (!store || !entry) return;
	const current = await entry.track.catch(() => undefined);
	if (store.get(eventId) === entry && (current === undefined || current === staleTrack)) store.delete(eventId);
}
