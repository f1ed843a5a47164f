'use strict';

const path = require('node:path');
const { NodeHelpers, isNodeClassInstance } = require('n8n-workflow');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE_NAME = require(path.join(REPO_ROOT, 'package.json')).name;

const INPUT_NODE_TYPE = 'n8n-nodes-harness.input';

function resolveModulePath(spec) {
	return path.isAbsolute(spec) ? spec : path.resolve(REPO_ROOT, spec);
}

function isNodeTypeLike(value) {
	return (
		value !== null &&
		typeof value === 'object' &&
		value.description !== undefined &&
		typeof value.description === 'object' &&
		(Array.isArray(value.description.properties) || value.nodeVersions !== undefined)
	);
}

function isCredentialTypeLike(value) {
	return (
		value !== null &&
		typeof value === 'object' &&
		typeof value.name === 'string' &&
		Array.isArray(value.properties) &&
		value.description === undefined
	);
}

function instantiate(value) {
	if (typeof value === 'function') {
		try {
			return new value();
		} catch {
			return undefined;
		}
	}
	return value;
}

/**
 * Loads every export of a module that instantiates to something matching
 * `predicate`, preferring the export named like the file (Foo.node.js -> Foo).
 */
function loadFromModule(spec, predicate, what) {
	const file = resolveModulePath(spec);
	const mod = require(file);
	const base = path.basename(file).split('.')[0];
	const found = [];
	const exportsList = typeof mod === 'function' ? [['default', mod]] : Object.entries(mod);
	for (const [name, value] of exportsList) {
		const instance = instantiate(value);
		if (predicate(instance)) found.push({ name, instance });
	}
	if (!found.length) throw new Error(`harness: no ${what} exported by ${file}`);
	found.sort((a, b) => (b.name === base) - (a.name === base));
	return found.map((f) => f.instance);
}

/**
 * @param {string | Function | object} spec path (relative to repo root or
 *   absolute), node class, or node type instance
 * @returns {import('n8n-workflow').INodeType | import('n8n-workflow').IVersionedNodeType}
 */
function loadNodeType(spec) {
	if (typeof spec === 'string') return loadFromModule(spec, isNodeTypeLike, 'node type')[0];
	const instance = instantiate(spec);
	if (!isNodeTypeLike(instance)) throw new Error('harness: not a node type (needs a `description`)');
	return instance;
}

/** @returns {object[]} credential type instances */
function loadCredentialTypes(specs = []) {
	const out = [];
	for (const spec of specs) {
		if (typeof spec === 'string') {
			out.push(...loadFromModule(spec, isCredentialTypeLike, 'credential type'));
		} else {
			const instance = instantiate(spec);
			if (!isCredentialTypeLike(instance)) throw new Error('harness: not a credential type');
			out.push(instance);
		}
	}
	return out;
}

/** The workflow-level node type name n8n gives a community node. */
function fullTypeName(nodeType) {
	const name = nodeType.description.name;
	return name.includes('.') ? name : `${PACKAGE_NAME}.${name}`;
}

function defaultVersionOf(nodeType) {
	if (nodeType.nodeVersions) {
		return nodeType.description.defaultVersion ?? nodeType.currentVersion;
	}
	const { version } = nodeType.description;
	return Array.isArray(version) ? Math.max(...version) : (version ?? 1);
}

/**
 * Wraps a node type so the original error instance thrown by `execute` is
 * remembered (WorkflowExecute only keeps a serialised copy in the run data).
 * Everything else is inherited from the original through the prototype chain,
 * so `description`, `methods`, `customOperations` and n8n's class-instance tag
 * stay visible.
 */
function wrapForErrorCapture(nodeType, onError) {
	if (typeof nodeType.execute !== 'function') return nodeType;
	const wrapped = Object.create(nodeType);
	if (isNodeClassInstance(nodeType)) {
		wrapped.execute = async (context, ...rest) => {
			try {
				return await nodeType.execute(context, ...rest);
			} catch (error) {
				onError(error);
				throw error;
			}
		};
	} else {
		wrapped.execute = async function (...args) {
			try {
				return await nodeType.execute.apply(this, args);
			} catch (error) {
				onError(error);
				throw error;
			}
		};
	}
	return wrapped;
}

/** A start node that emits the given items (each paired to the trigger item). */
function createInputNodeType(getItems) {
	return {
		description: {
			displayName: 'Harness Input',
			name: 'input',
			group: ['trigger'],
			version: 1,
			description: 'Emits the items given to runNode({ input })',
			defaults: { name: 'Input' },
			inputs: [],
			outputs: ['main'],
			properties: [],
		},
		async execute() {
			return [
				getItems().map((item) => ({
					...item,
					json: item.json ?? {},
					pairedItem: item.pairedItem ?? { item: 0 },
				})),
			];
		},
	};
}

/** Minimal INodeTypes over a map of type name -> node type. */
class HarnessNodeTypes {
	constructor() {
		this.types = new Map();
		this.versionOverrides = new Map();
	}

	add(name, nodeType, { wrapVersion } = {}) {
		this.types.set(name, nodeType);
		if (wrapVersion) this.versionOverrides.set(name, { wrapVersion, cache: new Map() });
	}

	getByName(name) {
		const type = this.types.get(name);
		if (!type) throw new Error(`harness: unknown node type "${name}"`);
		return type;
	}

	getByNameAndVersion(name, version) {
		const type = this.types.get(name);
		if (!type) return undefined;
		const versioned = NodeHelpers.getVersionedNodeType(type, version);
		const override = this.versionOverrides.get(name);
		if (!override) return versioned;
		if (!override.cache.has(versioned)) override.cache.set(versioned, override.wrapVersion(versioned));
		return override.cache.get(versioned);
	}

	getKnownTypes() {
		const known = {};
		for (const name of this.types.keys()) known[name] = { className: name, sourcePath: '' };
		return known;
	}
}

module.exports = {
	REPO_ROOT,
	PACKAGE_NAME,
	INPUT_NODE_TYPE,
	loadNodeType,
	loadCredentialTypes,
	fullTypeName,
	defaultVersionOf,
	wrapForErrorCapture,
	createInputNodeType,
	HarnessNodeTypes,
};
