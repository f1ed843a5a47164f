'use strict';
// Trust values as reconstructed from the vendor plugin (docs/providers/flexiown.md "Trust values", INFERENCE):
//   trust_Value     = lowercase hex MD5 of the merchant order id (string)
//   trust_Seed      = Base64 of the compact JSON of the product array sent at creation
//   trust_signature = lowercase hex SHA-256 of trust_Value + trust_Seed (plain concatenation)
const crypto = require('crypto');

const md5Hex = (s) => crypto.createHash('md5').update(String(s), 'utf8').digest('hex');
const sha256Hex = (s) => crypto.createHash('sha256').update(String(s), 'utf8').digest('hex');

const trustValueFor = (orderId) => md5Hex(String(orderId));
const trustSeedFor = (products) => Buffer.from(JSON.stringify(products), 'utf8').toString('base64');
const trustSignature = (trustValue, trustSeed) => sha256Hex(`${trustValue}${trustSeed}`);

module.exports = { md5Hex, sha256Hex, trustValueFor, trustSeedFor, trustSignature };
