#!/usr/bin/env node
'use strict';
// npm run test:contract [-- <jest args>]: runs jest with the contract log on (CONTRACT_LOG), then
// scripts/contract.js on that log. jest runs on Node 24 when scripts/install-n8n.sh has installed it
// (NODE_BIN), as in `npm test`; the log is kept at $CONTRACT_LOG if set, else in a temporary file.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.join(__dirname, '..');
const log = process.env.CONTRACT_LOG || path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'contract-')), 'exchanges.jsonl');
fs.writeFileSync(log, '');
const nodeBin = process.env.NODE_BIN || process.execPath;
const jest = spawnSync(nodeBin, [path.join(root, 'node_modules', '.bin', 'jest'), '--ci', ...process.argv.slice(2)], {
	cwd: root,
	stdio: 'inherit',
	env: { ...process.env, CONTRACT_LOG: log },
});
const check = spawnSync(process.execPath, [path.join(__dirname, 'contract.js'), log], { cwd: root, stdio: 'inherit' });
process.stdout.write(`contract log: ${log}\n`);
process.exit(jest.status === 0 && check.status === 0 ? 0 : 1);
