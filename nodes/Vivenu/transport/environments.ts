import type { Environments } from '../../common/base/environments';

/** vivenu's API roots (see docs/providers/vivenu.md); used by the credential and the transport. */
export const VIVENU_ENVIRONMENTS = {
	production: 'https://vivenu.com/api',
	staging: 'https://vivenu.dev/api',
} as const satisfies Environments;
