'use strict';

/** Credential data of an API-key credential whose environment is "Custom Base URL" (the emulator). */
function apiKeyCredentials(type, { apiKey, baseUrl, ...extra }) {
	return { [type]: { apiKey, environment: 'custom', baseUrl, ...extra } };
}

module.exports = { apiKeyCredentials };
