import { config as n8nNodeCli } from '@n8n/node-cli/eslint';

// n8n's own lint configuration (`n8n-node lint`, @n8n/node-cli, pinned): @eslint/js and typescript-eslint recommended,
// import-x, @n8n/community-nodes recommended and eslint-plugin-n8n-nodes-base's community, credentials and nodes
// rule sets. Ours is stricter in two places, below. scripts/scan-packages.js applies n8n's scanner on top.
export default [
	{ ignores: ['dist/**', 'node_modules/**', 'emulators/**', 'test/**', 'bench/**', 'scripts/**', 'examples/**', 'packages/**'] },
	...n8nNodeCli,
	{
		files: ['credentials/**/*.ts'],
		rules: {
			// n8n-node lint turns this off in favour of @n8n/community-nodes' credential-password-field; both pass here.
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'error',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			// n8n-node lint allows a maxValue on a Limit parameter (some APIs do cap it); none of ours needs one.
			'n8n-nodes-base/node-param-type-options-max-value-present': 'error',
		},
	},
];
