import fc from 'fast-check';
import type { IExecuteFunctions } from 'n8n-workflow';

import { inputError } from '../../nodes/common/base/errors';
import { validateId } from '../../nodes/common/base/ids';
import { checkNumericId, checkText } from '../../nodes/common/base/inputChecks';

const node = { id: 'n1', name: 'Test', type: 'test', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };

/** validateId as it was before its shortcut for plain IDs: every value goes through every check. */
function reference(raw: unknown, label: string, itemIndex: number): string {
	const at = { node, field: label, itemIndex };
	const value = typeof raw === 'number' ? checkNumericId(at, raw) : checkText(at, raw);
	if (!value) throw inputError({ node, field: label, problem: 'is empty', itemIndex, fix: `Set "${label}" or map it from the input with an expression.` });
	if (/[/\\?#%\s\p{Cc}]/u.test(value) || /^\.+$/.test(value)) {
		throw inputError({ node, field: label, problem: `"${value.slice(0, 80)}" is not a valid ID (it contains spaces, slashes or URL characters)`, itemIndex, fix: 'Use the bare ID, not a URL or path.' });
	}
	return value;
}

function outcome(read: () => string): { value: string } | { error: string } {
	try {
		return { value: read() };
	} catch (error) {
		return { error: (error as Error).message };
	}
}

describe('validateId (common/base/ids.ts)', () => {
	test('gives what every check gives, for plain IDs (its shortcut) and anything else', () => {
		let getNodeCalls = 0;
		const ctx = { getNode: () => (getNodeCalls++, node) } as unknown as IExecuteFunctions;
		const id = fc.oneof(
			fc.uuid(),
			fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/),
			fc.string({ unit: fc.constantFrom('a', 'Z', '0', '-', '_', '.', ' ', '/', '%', '\u0000', '\u00e9', '\uD800', '\t'), maxLength: 6 }),
			fc.string({ maxLength: 8 }),
			fc.integer(),
			fc.constantFrom('', '.', '..', '-', '_', null, undefined, 1.5, -1, 0, {}, ['a']),
		);
		fc.assert(
			fc.property(id, (raw) => {
				expect(outcome(() => validateId(ctx, raw, 'Registration IDs', 3))).toEqual(outcome(() => reference(raw, 'Registration IDs', 3)));
			}),
			{ numRuns: 3000 },
		);
		getNodeCalls = 0;
		expect(validateId(ctx, '4460bdcd-1a8a-434a-a7bf-c72a500743b2', 'Registration IDs', 0)).toBe('4460bdcd-1a8a-434a-a7bf-c72a500743b2');
		expect(validateId(ctx, ' spaced ', 'Registration IDs', 0)).toBe('spaced');
		// An accepted ID never asks n8n for the node (a deep copy of it and its parameters).
		expect(getNodeCalls).toBe(0);
	});
});
