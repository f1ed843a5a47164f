'use strict';

/**
 * An in-memory `ICredentialsHelper` for the harness.
 *
 * n8n-core calls into this from the real request helpers
 * (`httpRequestWithAuthentication`, `requestWithAuthentication`,
 * `requestOAuth2` incl. its token refresh, `getCredentials`, RoutingNode).
 * Behaviour mirrors what n8n's server does with stored credentials:
 *   - getDecrypted: stored data -> defaults of the credential type (incl.
 *     `extends` parents) applied -> `=` expressions resolved (`raw` skips both)
 *   - authenticate: a credential type's `authenticate` function, or its generic
 *     declarative form with `={{$credentials.x}}` expressions resolved
 *   - preAuthentication: honours `preAuthentication` + a hidden `expirable`
 *     property, persisting the new value through updateCredentials
 *   - updateCredentials / updateCredentialsOauthTokenData: update the store and
 *     record the new data so tests can see rotated tokens.
 */

const { ICredentialsHelper, NodeHelpers, Workflow, UnexpectedError, isExpression, deepCopy } =
	require('n8n-workflow');
const { getAdditionalKeys } = require('n8n-core');

const clone = (value) => (value === undefined ? undefined : deepCopy(value));

class CredentialTypeRegistry {
	constructor(types = []) {
		this.types = new Map();
		for (const type of types) this.add(type);
	}

	add(type) {
		if (!type || typeof type.name !== 'string' || !Array.isArray(type.properties)) {
			throw new Error('harness: not a credential type (needs `name` and `properties`)');
		}
		this.types.set(type.name, type);
	}

	has(name) {
		return this.types.has(name);
	}

	getByName(name) {
		const type = this.types.get(name);
		if (!type) {
			throw new UnexpectedError(`harness: unknown credential type "${name}"`, {
				extra: { known: [...this.types.keys()] },
			});
		}
		return type;
	}

	getParentTypes(name) {
		const type = this.types.get(name);
		const parents = [...(type?.extends ?? [])];
		for (const parent of [...parents]) parents.push(...this.getParentTypes(parent));
		return parents;
	}

	/** Properties incl. the ones inherited through `extends`, merged as n8n does. */
	getProperties(name) {
		const type = this.getByName(name);
		if (!type.extends?.length) {
			if (name === 'oAuth1Api' || name === 'oAuth2Api') {
				return [
					...type.properties,
					{ displayName: 'oauthTokenData', name: 'oauthTokenData', type: 'json', required: false, default: {} },
				];
			}
			return type.properties;
		}
		const merged = [];
		for (const parent of type.extends) NodeHelpers.mergeNodeProperties(merged, this.getProperties(parent));
		NodeHelpers.mergeNodeProperties(merged, type.properties);
		return merged;
	}
}

class HarnessCredentialsHelper extends ICredentialsHelper {
	/**
	 * @param {CredentialTypeRegistry} registry
	 * @param {import('n8n-workflow').INodeTypes} nodeTypes used for the helper workflow
	 *   that resolves credential expressions outside of a node context
	 * @param {string} mockNodeType a node type name known to `nodeTypes`
	 */
	constructor(registry, nodeTypes, mockNodeType) {
		super();
		this.registry = registry;
		this.nodeTypes = nodeTypes;
		this.mockNodeType = mockNodeType;
		/** type -> { id, name, data } */
		this.store = new Map();
		/** type -> latest data written back by n8n-core (OAuth2 refresh, preAuthentication) */
		this.updated = {};
		/** chronological list of writes */
		this.updates = [];
		/** set while testing a credential: n8n then always runs preAuthentication */
		this.testingCredentials = false;
		/** type -> how many times n8n-core loaded (getDecrypted) the credential: n8n's server reads, decrypts and resolves it each time */
		this.loads = {};
	}

	/** Registers decrypted credential data; returns the INodeCredentialsDetails for a node. */
	setCredential(type, data, { id, name } = {}) {
		this.registry.getByName(type); // fail early on unknown types
		const details = { id: id ?? `harness-${type}`, name: name ?? `${type} (harness)` };
		this.store.set(type, { ...details, data: clone(data) ?? {} });
		return details;
	}

	entry(nodeCredentials, type) {
		const entry = this.store.get(type);
		if (!entry) {
			throw new UnexpectedError(`harness: no credentials of type "${type}" were given to the harness`, {
				extra: { nodeCredentials },
			});
		}
		if (nodeCredentials?.id && nodeCredentials.id !== entry.id) {
			throw new UnexpectedError(`harness: credential id "${nodeCredentials.id}" not found for "${type}"`);
		}
		return entry;
	}

	getParentTypes(name) {
		return this.registry.getParentTypes(name);
	}

	isCredentialUsableByNode(credentialType, nodeType) {
		if (!this.registry.has(credentialType)) return true;
		const type = this.registry.getByName(credentialType);
		if (!type.restrictToSupportedNodes) return true;
		return (type.supportedNodes ?? []).includes(nodeType);
	}

	getCredentialsProperties(type) {
		return this.registry.getProperties(type);
	}

	async getCredentials(nodeCredentials, type) {
		const entry = this.entry(nodeCredentials, type);
		return {
			id: entry.id,
			name: entry.name,
			type,
			data: undefined,
			getData: () => clone(entry.data),
			setData: (data) => {
				entry.data = clone(data);
			},
			updateData: (toUpdate, toDelete = []) => {
				const data = { ...entry.data, ...clone(toUpdate) };
				for (const key of toDelete) delete data[key];
				entry.data = data;
			},
			getDataToSave: () => ({ id: entry.id, name: entry.name, type, data: clone(entry.data) }),
		};
	}

	async getDecrypted(additionalData, nodeCredentials, type, mode, executeData, raw, expressionResolveValues) {
		const entry = this.entry(nodeCredentials, type);
		this.loads[type] = (this.loads[type] ?? 0) + 1;
		const data = clone(entry.data);
		if (raw === true) return data;
		return await this.applyDefaultsAndResolve(additionalData, data, type, mode, executeData, expressionResolveValues);
	}

	async applyDefaultsAndResolve(additionalData, original, type, mode, executeData, expressionResolveValues) {
		const properties = this.getCredentialsProperties(type);
		let data = NodeHelpers.getNodeParameters(properties, original, true, false, null, null) ?? {};
		// Fields that are not declared properties but that n8n carries along.
		for (const key of ['oauthTokenData', 'allowedHttpRequestDomains', 'allowedDomains']) {
			if (data[key] === undefined && original[key] !== undefined) data[key] = original[key];
		}
		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });
		if (expressionResolveValues) {
			const v = expressionResolveValues;
			try {
				data = v.workflow.expression.getParameterValue(
					data,
					v.runExecutionData,
					v.runIndex,
					v.itemIndex,
					v.node.name,
					v.connectionInputData,
					mode,
					additionalKeys,
					executeData,
					false,
					data,
				);
			} catch (error) {
				error.message += ' [Error resolving credentials]';
				throw error;
			}
		} else {
			const workflow = this.mockWorkflow();
			await workflow.expression.acquireIsolate();
			try {
				data = workflow.expression.getComplexParameterValue(
					workflow.nodes.__harness_mock__,
					data,
					mode,
					additionalKeys,
					undefined,
					undefined,
					data,
				);
			} finally {
				await workflow.expression.releaseIsolate();
			}
		}
		return data;
	}

	mockWorkflow() {
		return new Workflow({
			nodes: [
				{
					id: '00000000-0000-4000-8000-00000000mock',
					name: '__harness_mock__',
					type: this.mockNodeType,
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
			],
			connections: {},
			active: false,
			nodeTypes: this.nodeTypes,
		});
	}

	resolveValue(value, credentials, workflow, node) {
		if (!isExpression(value)) return value;
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
		return resolved;
	}

	async authenticate(credentials, typeName, requestOptions, workflow, node) {
		const credentialType = this.registry.getByName(typeName);
		const { authenticate } = credentialType;
		if (!authenticate) return requestOptions;
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions);
		}
		if (typeof authenticate !== 'object' || authenticate.type !== 'generic') return requestOptions;

		let ownWorkflow = false;
		if (!workflow || !node) {
			workflow = this.mockWorkflow();
			node = workflow.nodes.__harness_mock__;
			ownWorkflow = await workflow.expression.acquireIsolate();
		}
		try {
			requestOptions.headers ??= {};
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties ?? {})) {
				if (outerValue !== null && typeof outerValue === 'object') {
					// headers, qs, body, auth: key/value pairs, both may be expressions.
					if (!requestOptions[outerKey] || typeof requestOptions[outerKey] !== 'object') {
						requestOptions[outerKey] = {};
					}
					for (const [key, value] of Object.entries(outerValue)) {
						const k = this.resolveValue(key, credentials, workflow, node);
						const v = this.resolveValue(value, credentials, workflow, node);
						requestOptions[outerKey][String(k)] =
							isExpression(value) ? (v === undefined || v === null || v === '' ? '' : String(v)) : v;
					}
				} else {
					// scalar options such as url or skipSslCertificateValidation
					let v = this.resolveValue(outerValue, credentials, workflow, node);
					if (outerKey === 'skipSslCertificateValidation') v = v === true || v === 'true';
					requestOptions[outerKey] = v;
				}
			}
		} finally {
			if (ownWorkflow) await workflow.expression.releaseIsolate();
		}
		return requestOptions;
	}

	expirableProperty(typeName) {
		// `properties` of the type itself first, then inherited ones.
		const own = this.registry.getByName(typeName).properties;
		const all = [...own, ...this.getCredentialsProperties(typeName)];
		return all.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
	}

	async preAuthentication(helpers, credentials, typeName, node, credentialsExpired) {
		const credentialType = this.registry.getByName(typeName);
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		const expirable = this.expirableProperty(typeName);
		if (expirable?.name === undefined) return undefined;
		const due =
			credentials[expirable.name] === '' ||
			credentials[expirable.name] === undefined ||
			credentialsExpired ||
			this.testingCredentials;
		if (!due) {
			return undefined;
		}
		const output = await credentialType.preAuthentication.call(helpers, credentials);
		if (!output || output[expirable.name] === undefined) return undefined;
		const nodeCredentials = node?.credentials?.[typeName];
		if (nodeCredentials) {
			const stored = (await this.getCredentials(nodeCredentials, typeName)).getData();
			const toPersist = { ...stored };
			for (const [key, value] of Object.entries(output)) {
				if (key === expirable.name || !isExpression(stored[key])) toPersist[key] = value;
			}
			await this.updateCredentials(nodeCredentials, typeName, toPersist);
		}
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(helpers, credentials, typeName) {
		const credentialType = this.registry.getByName(typeName);
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		const output = await credentialType.preAuthentication.call(helpers, credentials);
		return output ?? undefined;
	}

	record(type, kind) {
		const entry = this.store.get(type);
		this.updated[type] = clone(entry.data);
		this.updates.push({ type, kind, data: clone(entry.data), at: Date.now() });
	}

	async updateCredentials(nodeCredentials, type, data) {
		const entry = this.entry(nodeCredentials, type);
		entry.data = clone(data);
		this.record(type, 'updateCredentials');
	}

	async updateCredentialsOauthTokenData(nodeCredentials, type, data) {
		const entry = this.entry(nodeCredentials, type);
		entry.data = { ...entry.data, oauthTokenData: clone(data.oauthTokenData) };
		this.record(type, 'updateCredentialsOauthTokenData');
	}
}

module.exports = { HarnessCredentialsHelper, CredentialTypeRegistry };
