import type { IDataObject, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { answerError, htmlToText, operationError, type UnusableAnswer } from '../../common';

function describeParams(data: IDataObject | undefined): string | undefined {
	const params = data?.params;
	if (Array.isArray(params) && params.length) return `Missing: ${params.map(String).join(', ')}.`;
	if (params && typeof params === 'object') {
		const lines = Object.entries(params as IDataObject).map(([k, v]) => `${k}: ${htmlToText(String(v))}`);
		if (lines.length) return lines.join('\n');
	}
	return undefined;
}

const LOGIN_MISSING =
	'WordPress treated the request as not logged in: the login is missing, not just a permission. ' +
	'Check the credential\'s Username and Application Password. If they are right, the web server is probably stripping the ' +
	'Authorization header (common with Apache/CGI hosting): add "SetEnvIf Authorization (.*) HTTP_AUTHORIZATION=$1" to .htaccess. ' +
	'Application passwords also need HTTPS (or a local environment) and must not be disabled by a security plugin.';

const CAPABILITY_MISSING =
	'The login works, but this WordPress user lacks the capability Restrict Content Pro requires here ' +
	'(probably rcp_view_payments to read payments, rcp_manage_payments to change them, rcp_view_levels for the level list). ' +
	"Use an administrator's application password or give the user those capabilities.";

/** What to tell the user for a WordPress error, by HTTP status and WordPress error code. */
function explain(status: number, code: string | undefined): string | undefined {
	if (status === 401) {
		if (code === 'incorrect_password') {
			return 'WordPress rejected the application password for this user. Create a new one under Users → Profile → Application Passwords and paste it into the credential (the normal login password does not work here).';
		}
		if (code === 'invalid_username' || code === 'invalid_email') {
			return 'WordPress has no user with this name or e-mail address. Check the credential\'s Username.';
		}
		return LOGIN_MISSING;
	}
	if (status === 403) {
		if (code === 'rest_cookie_invalid_nonce') return 'WordPress rejected a cookie nonce. This node logs in with an application password only; check that no cookie is forwarded.';
		if (code === 'application_passwords_disabled') return 'Application passwords are disabled on this site (a security plugin or the site settings). Enable them for this user.';
		return CAPABILITY_MISSING;
	}
	if (status === 404 && code === 'rest_no_route') {
		return 'The site has no such REST route: the Restrict Content Pro "REST API" add-on is not active, or the credential\'s URL Style or REST Prefix does not match the site (try "Plain Permalinks (?rest_route=)").';
	}
	return undefined;
}

/**
 * ProviderProfile.parseError for WordPress bodies: `{code, message, data: {status, params?}}`. Also copes with
 * HTML pages (hosts, security plugins, a theme's 404) and plain text.
 */
export function parseWordPressError(body: unknown, statusCode: number): { message?: string; code?: string; details?: string } {
	if (typeof body === 'string') {
		const text = body.trim();
		if (/^</.test(text)) {
			const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1];
			const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(text)?.[1];
			const summary = htmlToText(title ?? h1 ?? text).slice(0, 200);
			return {
				message: `HTML page instead of a REST API answer${summary ? ` ("${summary}")` : ''}`,
				details:
					statusCode === 404
						? 'The address did not reach the WordPress REST API. Check the Site URL and URL Style in the credential: sites with "Plain" permalinks need "Plain Permalinks (?rest_route=)".'
						: 'A web server, CDN or security plugin answered instead of WordPress.',
			};
		}
		return { message: htmlToText(text).slice(0, 300) || undefined };
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
	const b = body as IDataObject;
	const code = typeof b.code === 'string' && b.code ? b.code : undefined;
	const raw = typeof b.message === 'string' ? htmlToText(b.message) : undefined;
	const message = raw ? (code ? `${raw} (${code})` : raw) : code;
	const data = b.data && typeof b.data === 'object' ? (b.data as IDataObject) : undefined;
	const details = [describeParams(data), explain(statusCode, code)].filter(Boolean).join('\n');
	return { message, code, details: details || undefined };
}

/** The create route answered "not created": RCP refuses a payment whose transaction ID is already recorded. */
export function duplicateTransactionError({ node, transactionId, body, secrets, itemIndex }: UnusableAnswer & { transactionId: string }): NodeApiError {
	return answerError({
		node,
		message: `Restrict Content Pro refused the payment: transaction ID "${transactionId}" is already recorded (duplicate)`,
		body: body ?? null,
		secrets,
		itemIndex,
		description: [
			'RCP does not create a second payment with a transaction ID it already has, and answers "false" instead of an ID. ' +
				'The payment was not created and the request was not repeated. Look the existing payment up (e.g. Get Many) or use another Transaction ID.',
		],
		outcome: 'not-done',
	});
}

/** The create route answered `false` without a transaction ID to blame: RCP's documented "insert failed". */
export function notCreatedError({ node, body, secrets, itemIndex }: UnusableAnswer): NodeApiError {
	return answerError({
		node,
		message: `Restrict Content Pro did not create the payment (it answered ${JSON.stringify(body ?? null)})`,
		body: body ?? null,
		secrets,
		itemIndex,
		description: [
			"RCP reports a failed database insert this way. The request was not repeated; check the site's RCP debug log (Restrict → Tools → Debugging) and the values sent.",
		],
		outcome: 'not-done',
	});
}

/**
 * The create route answered 2xx with nothing that says what happened (an empty body, a 204, null, 0): RCP's
 * refusal is `false`, so this is no refusal, and the payment may exist.
 */
export function unconfirmedCreateError({ node, body, secrets, itemIndex, transactionId }: UnusableAnswer & { transactionId: string }): NodeApiError {
	const shown = body === undefined || body === '' ? 'an empty answer' : JSON.stringify(body);
	return answerError({
		node,
		message: `Restrict Content Pro did not confirm the payment (it answered ${shown}): outcome unknown`,
		body: body ?? null,
		secrets,
		itemIndex,
		description: [
			`RCP answers the new payment's ID, or false when it refuses. This answer is neither, so the payment may have been created. It was not repeated; check at the site (Get Many${transactionId ? ` with transaction ID "${transactionId}"` : ''}) before running it again.`,
		],
		outcome: 'unknown',
	});
}

/** The create/update answer carried a WordPress error that points at a duplicate transaction ID. */
export function looksLikeDuplicate(error: unknown): boolean {
	const e = error as { message?: unknown; description?: unknown; cause?: unknown };
	const text = [e.message, e.description].filter((v) => typeof v === 'string').join(' ');
	return /duplicate|already (exists|recorded|in use)|transaction.{0,20}exists/i.test(text);
}

/**
 * The error to throw when the create request failed: a WordPress error that points at an existing transaction
 * ID becomes the duplicate error, n8n errors pass through, anything else is wrapped.
 */
export function createFailure({
	node,
	error,
	transactionId,
	itemIndex,
	secrets,
}: {
	node: INode;
	error: unknown;
	transactionId: string;
	itemIndex: number;
	secrets: readonly string[];
}): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError) {
		return transactionId && looksLikeDuplicate(error) ? duplicateTransactionError({ node, transactionId, body: error.message, secrets, itemIndex }) : error;
	}
	if (error instanceof NodeOperationError) return error;
	return operationError({ node, message: error instanceof Error ? error : String(error), itemIndex });
}
