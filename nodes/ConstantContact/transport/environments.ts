import type { IDataObject } from 'n8n-workflow';

import { cleanBaseUrl, type Environments } from '../../common/environments';

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
	return cleanBaseUrl(credentials.baseUrl) || DEFAULT_BASE_URL;
}
