'use strict';
// Answers generated from the derived descriptions' schemas (json-schema-faker, seeded): optional fields
// present or absent, nulls where the document allows them, enum values drawn at random; at most 2 items an
// array (vivenu's nested arrays made answers of over a megabyte with 3). `enumCover` adds
// the exhaustive part: sample k takes value k (mod its count) at every enum of the schema, with every
// optional field present, so N samples (N = the longest enum) carry each enum value at each place.
const { JSONSchemaFaker } = require('json-schema-faker');
const { toJsonSchema } = require('../../scripts/lib/contract-specs');

const BASE_OPTIONS = { maxItems: 2, failOnInvalidTypes: false, failOnInvalidFormat: false, useDefaultValue: false };
const local = (o) => JSON.parse(JSON.stringify(o).replace(/"G#\/definitions\//g, '"#/definitions/'));

function seeded(seed) {
	let state = seed;
	return () => {
		state = (state * 16807) % 2147483647;
		return state / 2147483647;
	};
}

function definitionsOf(spec) {
	const definitions = {};
	for (const [k, s] of Object.entries((spec.components && spec.components.schemas) || {})) definitions[k] = local(toJsonSchema(s, 'G'));
	return definitions;
}

function generator(spec, seed) {
	const random = seeded(seed);
	const definitions = definitionsOf(spec);
	return (schema) => {
		JSONSchemaFaker.option({ ...BASE_OPTIONS, optionalsProbability: 0.5, alwaysFakeOptionals: false, minItems: 0, random });
		return JSONSchemaFaker.generate({ ...local(toJsonSchema(schema, 'G')), definitions });
	};
}

const schemaNamed = (name) => ({ $ref: `#/components/schemas/${name}` });

/** Every enum reachable from `root` (through $ref): [{ site: path in the {root, definitions} tree, values }]. */
function enumSites(root, definitions) {
	const sites = [];
	const seen = new Set();
	const walk = (node, path) => {
		if (!node || typeof node !== 'object') return;
		if (Array.isArray(node)) return node.forEach((x, i) => walk(x, [...path, i]));
		if (typeof node.$ref === 'string') {
			const name = node.$ref.replace('#/definitions/', '');
			if (!seen.has(name)) {
				seen.add(name);
				walk(definitions[name], ['definitions', name]);
			}
		}
		if (Array.isArray(node.enum)) sites.push({ site: path.join('/'), path, values: node.enum });
		for (const [k, v] of Object.entries(node)) if (k !== 'enum' && k !== 'const') walk(v, [...path, k]);
	};
	walk(root, ['root']);
	return sites;
}

/** The enum values that occur in `instance` at each site ("site" → Set of JSON values). */
function enumValuesIn(instance, root, definitions, sites, found = new Map()) {
	const bySite = new Map(sites.map((s) => [s.site, s]));
	const visit = (value, node, path, depth) => {
		if (!node || typeof node !== 'object' || depth > 40) return;
		if (typeof node.$ref === 'string') {
			const name = node.$ref.replace('#/definitions/', '');
			visit(value, definitions[name], ['definitions', name], depth + 1);
		}
		const site = bySite.get(path.join('/'));
		if (site && site.values.some((v) => JSON.stringify(v) === JSON.stringify(value))) {
			if (!found.has(site.site)) found.set(site.site, new Set());
			found.get(site.site).add(JSON.stringify(value));
		}
		for (const key of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(node[key])) node[key].forEach((n, i) => visit(value, n, [...path, key, i], depth + 1));
		if (value && typeof value === 'object' && !Array.isArray(value) && node.properties) {
			for (const [k, n] of Object.entries(node.properties)) if (k in value) visit(value[k], n, [...path, 'properties', k], depth + 1);
		}
		if (Array.isArray(value) && node.items && !Array.isArray(node.items)) value.forEach((x) => visit(x, node.items, [...path, 'items'], depth + 1));
	};
	visit(instance, root, ['root'], 0);
	return found;
}

/**
 * `count` answers for `schema` in which every enum takes each of its values in turn, and a `missing()` that
 * lists the enum values (by site) that none of the answers carries.
 */
function enumCover(spec, schema, { seed = 22, max = 200 } = {}) {
	const definitions = definitionsOf(spec);
	const root = local(toJsonSchema(schema, 'G'));
	const sites = enumSites(root, definitions);
	const longest = Math.max(1, ...sites.map((s) => s.values.length));
	const random = seeded(seed);
	const answers = [];
	const found = new Map();
	const missing = () => {
		const out = [];
		for (const { site, values } of sites) for (const v of values) if (!(found.get(site) || new Set()).has(JSON.stringify(v))) out.push(`${site} = ${JSON.stringify(v)}`);
		return out;
	};
	// At least one round of the longest enum; more while a value sits in a oneOf branch not drawn yet.
	for (let k = 0; k < longest || (missing().length && k < max); k++) {
		const tree = JSON.parse(JSON.stringify({ root, definitions }));
		for (const { path, values } of sites) {
			const node = path.reduce((o, key) => o[key], tree);
			const value = values[k % values.length];
			node.enum = [value];
			if (value === null) delete node.type;
		}
		JSONSchemaFaker.option({ ...BASE_OPTIONS, maxItems: 1, alwaysFakeOptionals: true, minItems: 1, random });
		const answer = JSONSchemaFaker.generate({ ...tree.root, definitions: tree.definitions });
		enumValuesIn(answer, root, definitions, sites, found);
		answers.push(answer);
	}
	const valueCount = sites.reduce((s, x) => s + x.values.length, 0);
	return { answers, sites, valueCount, missing };
}

module.exports = { generator, schemaNamed, enumCover };
