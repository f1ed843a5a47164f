import type { IDataObject } from 'n8n-workflow';

import { checkBaseUrl, cleanBaseUrl, type Environments } from '../../common/base/environments';

/**
 * Constant Contact has one API root (see docs/providers/constant-contact.md). The credential keeps it in a
 * hidden field so that it can be pointed elsewhere on import (e.g. at an emulator).
 */
export const CONSTANT_CONTACT_ENVIRONMENTS = {
	production: 'https://api.cc.email/v3',
} as const satisfies Environments;

export const DEFAULT_BASE_URL = CONSTANT_CONTACT_ENVIRONMENTS.production;

/** The credential's hidden API Base URL, or the production root when it is empty. */
export function baseUrlOf(credentials: IDataObject): string {
	const custom = cleanBaseUrl(credentials.baseUrl);
	return custom ? checkBaseUrl(custom, 'API Base URL') : DEFAULT_BASE_URL;
}
