import type { IDataObject } from 'n8n-workflow';

import { answerError, type UnusableAnswer } from '../../common';

/**
 * The list routes answer a bare JSON array. PHP arrays with gaps arrive as objects keyed "0", "1", …, so
 * those are accepted too; anything else (an HTML page, an error-free `false`) is reported.
 */
export function expectList({ node, body, what, secrets, itemIndex }: UnusableAnswer & { what: string }): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	if (body && typeof body === 'object') {
		const values = Object.values(body as IDataObject);
		if (Object.keys(body as IDataObject).every((k) => /^\d+$/.test(k)) && values.every((v) => v && typeof v === 'object')) {
			return values as IDataObject[];
		}
	}
	throw answerError({
		node,
		message: `Restrict Content Pro answered with something that is not a list of ${what}`,
		body: body ?? null,
		secrets,
		itemIndex,
		description: [
			'Expected a JSON array. Check the Site URL and URL Style in the credential: a page that is not the WordPress REST API may have answered.',
		],
	});
}
