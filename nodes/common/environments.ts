/**
 * A provider's API roots by environment, the first being the default, e.g.
 * `{ production: 'https://vivenu.com/api', staging: 'https://vivenu.dev/api' }`. One definition per
 * provider (its `transport/environments.ts`) feeds the credential's options, the credential test and
 * the transport, so the three cannot drift. Credentials import this file directly, not the common index.
 */
export type Environments = Readonly<Record<string, string>>;

/** A typed base URL: surrounding spaces and trailing slashes dropped (paths are joined with one slash). */
export function cleanBaseUrl(url: unknown): string {
	return String(url ?? '')
		.trim()
		.replace(/\/+$/, '');
}

/** The API root the credential's `environment` (and, for Custom, `baseUrl`) names; the first environment otherwise. */
export function environmentBaseUrl(environments: Environments, credentials: { environment?: unknown; baseUrl?: unknown }): string {
	const environment = String(credentials.environment ?? '');
	if (environment === 'custom') return cleanBaseUrl(credentials.baseUrl);
	return cleanBaseUrl(environments[environment] ?? Object.values(environments)[0]);
}

/**
 * The same choice as an n8n expression, for a credential test's `baseURL`. `tail` is an expression
 * appended to the root (e.g. a version segment).
 */
export function environmentBaseUrlExpression(environments: Environments, tail = ''): string {
	const [first, ...others] = Object.entries(environments);
	let chosen = JSON.stringify(cleanBaseUrl(first[1]));
	for (const [value, url] of others.reverse()) {
		chosen = `($credentials.environment === ${JSON.stringify(value)} ? ${JSON.stringify(cleanBaseUrl(url))} : ${chosen})`;
	}
	const custom = 'String($credentials.baseUrl || "").trim().replace(/\\/+$/, "")';
	return `={{ ($credentials.environment === "custom" ? ${custom} : ${chosen})${tail ? ` + ${tail}` : ''} }}`;
}
