'use strict';
// Answers generated from the derived descriptions' schemas (json-schema-faker, seeded): optional fields
// present or absent, nulls where the document allows them, enum values drawn at random.
const { JSONSchemaFaker } = require('json-schema-faker');
const { toJsonSchema } = require('../../scripts/lib/contract-specs');

function generator(spec, seed) {
	let state = seed;
	const random = () => {
		state = (state * 16807) % 2147483647;
		return state / 2147483647;
	};
	JSONSchemaFaker.option({ optionalsProbability: 0.5, random, maxItems: 3, failOnInvalidTypes: false, failOnInvalidFormat: false, useDefaultValue: false });
	const local = (o) => JSON.parse(JSON.stringify(o).replace(/"G#\/definitions\//g, '"#/definitions/'));
	const definitions = {};
	for (const [k, s] of Object.entries(spec.components.schemas || {})) definitions[k] = local(toJsonSchema(s, 'G'));
	return (schema) => JSONSchemaFaker.generate({ ...local(toJsonSchema(schema, 'G')), definitions });
}

const schemaNamed = (name) => ({ $ref: `#/components/schemas/${name}` });

module.exports = { generator, schemaNamed };
