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

/** Why `url` cannot be a base URL that paths are joined to, or undefined when it can. */
export function baseUrlProblem(url: string): string | undefined {
	if (!url) return 'is empty';
	if (/\s/.test(url)) return 'contains spaces';
	if (/[\p{Cc}\p{Cf}]/u.test(url)) return 'contains a control or invisible character';
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return 'is not a URL';
	}
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return `must start with https:// or http:// (not ${parsed.protocol}//)`;
	if (parsed.username || parsed.password) return 'contains a user name or password, which would be sent to the server in the URL';
	// Checked on the text: a lone "?" or "#" leaves URL.search / URL.hash empty but still cuts the joined path off.
	if (url.includes('?')) return 'contains a query ("?"), which would cut off the paths joined to it';
	if (url.includes('#')) return 'contains a fragment ("#"), which would cut off the paths joined to it';
	return undefined;
}

/**
 * A base URL read from a credential, validated: http(s), no query, fragment, spaces or user info. The
 * error names the credential field (as the user sees it) and never repeats the URL, which may hold a password.
 */
export function checkBaseUrl(url: string, field: string): string {
	const problem = baseUrlProblem(url);
	if (problem) {
		throw new Error(`The credential's "${field}" ${problem}. Enter the API's address only, e.g. https://api.example.com/v1, and fix it in the credential.`);
	}
	return url;
}

/**
 * The API root the credential's `environment` (and, for Custom, `baseUrl`) names; the first environment
 * otherwise. A custom one is validated (checkBaseUrl) and errors name `field`.
 */
export function environmentBaseUrl(environments: Environments, credentials: { environment?: unknown; baseUrl?: unknown }, field = 'Base URL'): string {
	const environment = String(credentials.environment ?? '');
	if (environment === 'custom') return checkBaseUrl(cleanBaseUrl(credentials.baseUrl), field);
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
