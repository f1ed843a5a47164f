'use strict';
// The emulator's demo accounts as the soak and the write-outcome table use them: per provider the node, its
// credential, and the secret values the secret scan looks for (in every encoding).
const CC = require('../../emulators/providers/constant-contact/constants');

const RCP_USER = { username: 'admin', password: 'Rcp1 Emu2 Adm3 InX4 Pa55 W0rd' };
function providers(url) {
	return {
		vivenu: {
			node: 'dist/nodes/Vivenu/Vivenu.node.js',
			credentialTypes: ['dist/credentials/VivenuApi.credentials.js'],
			credentials: { vivenuApi: { apiKey: 'key_emulator_vivenu_demo', environment: 'custom', baseUrl: `${url}/vivenu/api` } },
			secrets: ['key_emulator_vivenu_demo'],
		},
		flexiown: {
			node: 'dist/nodes/Flexiown/Flexiown.node.js',
			credentialTypes: ['dist/credentials/FlexiownApi.credentials.js'],
			credentials: { flexiownApi: { apiKey: 'fo_emulator_demo_key_7c1e4a9b2d', environment: 'custom', baseUrl: `${url}/flexiown/api` } },
			secrets: ['fo_emulator_demo_key_7c1e4a9b2d'],
		},
		fourvenues: {
			node: 'dist/nodes/Fourvenues/Fourvenues.node.js',
			credentialTypes: ['dist/credentials/FourvenuesApi.credentials.js'],
			credentials: { fourvenuesApi: { apiKey: 'sk_test_emulator_fourvenues_demo', environment: 'custom', baseUrl: `${url}/fourvenues` } },
			secrets: ['sk_test_emulator_fourvenues_demo'],
		},
		'restrict-content-pro': {
			node: 'dist/nodes/RestrictContentPro/RestrictContentPro.node.js',
			credentialTypes: ['dist/credentials/RestrictContentProApi.credentials.js'],
			credentials: { restrictContentProApi: { url: `${url}/rcp`, username: RCP_USER.username, password: RCP_USER.password, urlStyle: 'wpJson' } },
			secrets: [RCP_USER.password],
			pairs: [`${RCP_USER.username}:${RCP_USER.password}`],
		},
		'constant-contact': {
			node: 'dist/nodes/ConstantContact/ConstantContact.node.js',
			credentialTypes: ['dist/credentials/ConstantContactOAuth2Api.credentials.js'],
			credentials: {
				constantContactOAuth2Api: {
					clientId: CC.DEMO_CLIENT_ID,
					clientSecret: CC.DEMO_CLIENT_SECRET,
					baseUrl: `${url}/constant-contact/v3`,
					authUrl: `${url}/constant-contact/oauth2/default/v1/authorize`,
					accessTokenUrl: `${url}/constant-contact/oauth2/default/v1/token`,
					oauthTokenData: { token_type: 'Bearer', access_token: CC.DEMO_ACCESS_TOKEN, refresh_token: CC.DEMO_REFRESH_TOKEN, expires_in: 86400, scope: 'campaign_data offline_access' },
				},
			},
			secrets: [CC.DEMO_CLIENT_SECRET, CC.DEMO_ACCESS_TOKEN, CC.DEMO_REFRESH_TOKEN],
			pairs: [`${CC.DEMO_CLIENT_ID}:${CC.DEMO_CLIENT_SECRET}`],
		},
	};
}

module.exports = { providers, RCP_USER };
