import type { Environments } from '../../common/base/environments';

/** Flexiown's (Teljoy's) API roots up to /api (see docs/providers/flexiown.md); the version segment comes after. */
export const FLEXIOWN_ENVIRONMENTS = {
	production: 'https://pay.teljoy.co.za/api',
	staging: 'https://pay.staging.teljoy.co.za/api',
} as const satisfies Environments;
