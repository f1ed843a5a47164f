'use strict';
// Constant Contact's OAuth2 server (https://authz.constantcontact.com/oauth2/default/v1/...), emulated
// under /constant-contact/oauth2/default/v1/...: authorization code (auto-approved) and refresh grants,
// client authentication by HTTP Basic only, long-lived or rotating refresh tokens, 1 request/second.
const crypto = require('crypto');
const C = require('./constants');
const { DAY } = require('./seed');

const oauthError = (status, error, description, headers) => ({
	status,
	headers,
	body: { error, error_description: description },
});

function newToken(prefix) {
	return `${prefix}_${crypto.randomBytes(18).toString('base64url')}`;
}

/** Basic base64(client_id:client_secret) -> app, or null. */
function basicClient(req, state) {
	const h = req.headers.authorization;
	if (typeof h !== 'string') return { error: 'missing' };
	const m = /^Basic\s+(\S+)\s*$/i.exec(h);
	if (!m) return { error: 'missing' };
	const text = Buffer.from(m[1], 'base64').toString('utf8');
	const i = text.indexOf(':');
	if (i < 0) return { error: 'invalid' };
	const dec = (s) => {
		try {
			return decodeURIComponent(s);
		} catch {
			return s;
		}
	};
	const id = dec(text.slice(0, i));
	const secret = dec(text.slice(i + 1));
	const app = state.apps.find((a) => a.client_id === id);
	if (!app || app.client_secret !== secret) return { error: 'invalid' };
	return { app };
}

function tokenRateLimited(state, clientId, now = Date.now()) {
	let hits = state.tokenRecent.get(clientId);
	if (!hits) state.tokenRecent.set(clientId, (hits = []));
	while (hits.length && hits[0] <= now - 1000) hits.shift();
	if (hits.length >= state.config.tokenPerSecond) return true;
	hits.push(now);
	return false;
}

function issue(state, app, scope, { refreshToken } = {}) {
	const access = newToken('cc_at');
	const ttl = state.config.accessTokenTtl;
	state.accessTokens.set(access, { client_id: app.client_id, scope, expiresAt: Date.now() + ttl * 1000 });
	const body = { token_type: 'Bearer', expires_in: ttl, access_token: access, scope: scope.join(' ') };
	if (refreshToken) body.refresh_token = refreshToken;
	return { status: 200, headers: { 'cache-control': 'no-store', pragma: 'no-cache' }, body };
}

function register(router) {
	// Browser step, auto-approved: redirects to redirect_uri with a code (5 minutes, single use).
	router.get('/oauth2/default/v1/authorize', (req, c) => {
		const q = req.query;
		const app = c.state.apps.find((a) => a.client_id === q.client_id);
		if (!app) return { status: 400, body: 'Invalid client_id', headers: { 'content-type': 'text/plain' } };
		if (typeof q.redirect_uri !== 'string' || !/^https?:\/\//.test(q.redirect_uri)) {
			return { status: 400, body: 'Invalid redirect_uri', headers: { 'content-type': 'text/plain' } };
		}
		const target = new URL(q.redirect_uri);
		if (q.response_type !== 'code') {
			target.searchParams.set('error', 'unsupported_response_type');
			return { status: 302, headers: { location: target.toString() } };
		}
		const scope = String(q.scope || '').split(/[\s+]+/).filter(Boolean);
		const code = newToken('cc_code');
		c.state.authCodes.set(code, {
			client_id: app.client_id,
			redirect_uri: q.redirect_uri,
			scope,
			expiresAt: Date.now() + C.AUTH_CODE_TTL_SECONDS * 1000,
			used: false,
		});
		target.searchParams.set('code', code);
		if (q.state !== undefined) target.searchParams.set('state', String(q.state));
		return { status: 302, headers: { location: target.toString() } };
	});

	router.post('/oauth2/default/v1/token', (req, c) => {
		const state = c.state;
		if (req.bodyType !== 'form') {
			return oauthError(400, 'invalid_request', 'The token request must be application/x-www-form-urlencoded.');
		}
		const client = basicClient(req, state);
		if (client.error) {
			return oauthError(401, 'invalid_client', 'Client authentication failed: send the client ID and secret as HTTP Basic.', {
				'www-authenticate': 'Basic realm="constantcontact"',
			});
		}
		const { app } = client;
		if (tokenRateLimited(state, app.client_id)) {
			return oauthError(429, 'too_many_requests', 'The token endpoint allows 1 request per second.');
		}
		const b = req.body || {};
		if (b.grant_type === 'authorization_code') {
			const rec = state.authCodes.get(b.code);
			if (!rec || rec.used || rec.expiresAt < Date.now() || rec.client_id !== app.client_id) {
				return oauthError(400, 'invalid_grant', 'The authorization code is invalid or has expired.');
			}
			if (rec.redirect_uri !== b.redirect_uri) {
				return oauthError(400, 'invalid_grant', "The 'redirect_uri' does not match the redirection URI used in the authorization request.");
			}
			rec.used = true;
			let refreshToken;
			// Without offline_access no refresh token is issued (and the authorize call did not complain).
			if (rec.scope.includes('offline_access')) {
				refreshToken = newToken('cc_rt');
				state.refreshTokens.set(refreshToken, {
					client_id: app.client_id, scope: rec.scope, lastUsed: Date.now(), revoked: false, family: refreshToken,
				});
			}
			return issue(state, app, rec.scope, { refreshToken });
		}
		if (b.grant_type === 'refresh_token') {
			const rec = state.refreshTokens.get(b.refresh_token);
			const idle = rec && Date.now() - rec.lastUsed > C.REFRESH_TOKEN_IDLE_DAYS * DAY;
			if (!rec || rec.revoked || idle || rec.client_id !== app.client_id) {
				return oauthError(400, 'invalid_grant', 'unknown, invalid, or expired refresh token');
			}
			rec.lastUsed = Date.now();
			rec.uses = (rec.uses || 0) + 1;
			let refreshToken = b.refresh_token;
			if (app.refresh_token_type === 'rotating') {
				// Single use: a new one each time; every earlier token of the family becomes invalid.
				for (const r of state.refreshTokens.values()) if (r.family === rec.family) r.revoked = true;
				refreshToken = newToken('cc_rt');
				state.refreshTokens.set(refreshToken, { ...rec, revoked: false, lastUsed: Date.now(), uses: 0 });
			}
			return issue(state, app, rec.scope, { refreshToken });
		}
		return oauthError(400, 'unsupported_grant_type', 'The authorization grant type is not supported by the authorization server.');
	});
}

module.exports = { register };
