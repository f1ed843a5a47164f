import type { Environments } from '../../common/base/environments';

/** Fourvenues' Channel Manager API roots (see docs/providers/fourvenues.md); paths have no version prefix. */
export const FOURVENUES_ENVIRONMENTS = {
	production: 'https://channels-service.fourvenues.com',
	alpha: 'https://channels-service-alpha.fourvenues.com',
} as const satisfies Environments;
