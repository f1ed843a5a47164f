'use strict';

/**
 * Process-wide bootstrap for running n8n-core's execution engine in-process.
 *
 * What is real here (n8n-core / n8n-workflow / @n8n/* code, not re-implemented):
 *   - the DI container (`@n8n/di`) and the services n8n-core pulls out of it
 *     (`InstanceSettings`, `OutboundHttp` from @n8n/backend-network,
 *     `LockService`, `ErrorReporter`, `ExecutionContextService`, ...)
 *   - the expression engine: on Node >= 22 the same isolated-vm ("vm") engine
 *     n8n 2.x uses by default; on older Node (no isolated-vm binary) it falls
 *     back to n8n-workflow's 'legacy' engine with a warning in the logs.
 *
 * What is replaced:
 *   - the Logger (so everything n8n logs is captured into an in-memory buffer
 *     that runNode returns as `result.logs`)
 *   - InstanceSettings gets a throw-away n8n folder in the OS tmp dir, so no
 *     `~/.n8n/config` is created or read.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { LoggerProxy, Expression } = require('n8n-workflow');
const core = require('n8n-core');

// n8n-core's own dependencies, resolved from n8n-core / n8n-workflow so the
// harness talks to the very same module instances (one DI container).
// (require.resolve with `paths` rather than module.createRequire, so that
// jest's module registry is used as well.)
const fromDir = (pkg) => path.dirname(require.resolve(`${pkg}/package.json`));
const requireFromCore = (id) => require(require.resolve(id, { paths: [fromDir('n8n-core')] }));
const requireFromWorkflow = (id) => require(require.resolve(id, { paths: [fromDir('n8n-workflow')] }));
const { Container } = requireFromCore('@n8n/di');
const backendCommon = requireFromCore('@n8n/backend-common');

const LOG_LEVELS = ['error', 'warn', 'info', 'debug'];

/** All log lines n8n produced in this module instance, as strings. */
const logBuffer = [];

function serializeError(error, seen = new Set()) {
	if (!(error instanceof Error)) return String(error);
	let cause;
	if (error.cause && !seen.has(error.cause)) {
		seen.add(error.cause);
		cause = serializeError(error.cause, seen);
	}
	return { name: error.name, message: error.message, stack: error.stack, cause };
}

function safeStringify(value) {
	const seen = new WeakSet();
	try {
		return JSON.stringify(value, (_key, v) => {
			if (v instanceof Error) return serializeError(v);
			if (typeof v === 'bigint') return v.toString();
			if (typeof v === 'function') return `[Function ${v.name || 'anonymous'}]`;
			if (v !== null && typeof v === 'object') {
				if (seen.has(v)) return '[Circular]';
				seen.add(v);
			}
			return v;
		});
	} catch (error) {
		return `[unserializable: ${error.message}]`;
	}
}

/**
 * A logger with the surface n8n-core uses (`error/warn/info/debug/scoped`),
 * writing into `logBuffer`. Set HARNESS_LOG=1 to also echo to stderr.
 */
class CapturingLogger {
	constructor(scopes = []) {
		this.scopes = scopes;
	}

	log(level, message, metadata) {
		let line = `${level}: ${typeof message === 'string' ? message : safeStringify(message)}`;
		if (metadata !== undefined && metadata !== null) {
			const meta = metadata instanceof Error ? serializeError(metadata) : metadata;
			if (typeof meta !== 'object' || Object.keys(meta).length > 0) {
				line += ` ${safeStringify(meta)}`;
			}
		}
		if (this.scopes.length) line = `[${this.scopes.join(',')}] ${line}`;
		logBuffer.push(line);
		if (process.env.HARNESS_LOG) process.stderr.write(`[n8n] ${line}\n`);
	}

	error(message, metadata) {
		this.log('error', message, metadata);
	}

	warn(message, metadata) {
		this.log('warn', message, metadata);
	}

	info(message, metadata) {
		this.log('info', message, metadata);
	}

	debug(message, metadata) {
		this.log('debug', message, metadata);
	}

	scoped(scopes) {
		return new CapturingLogger([...this.scopes, ...(Array.isArray(scopes) ? scopes : [scopes])]);
	}
}

let setupPromise;
let state;

function nodeMajor() {
	return Number(process.versions.node.split('.')[0]);
}

async function initExpressionEngine(logger) {
	const requested = process.env.HARNESS_EXPRESSION_ENGINE; // 'vm' | 'legacy'
	if (requested === 'legacy') {
		Expression.setExpressionEngine('legacy');
		return 'legacy';
	}
	if (Expression.getActiveImplementation() === 'vm') return 'vm';
	// Same options n8n 2.x uses by default (ExpressionEngineConfig).
	const options = { engine: 'vm', poolSize: 1, maxCodeCacheSize: 1024, bridgeTimeout: 5000, bridgeMemoryLimit: 128 };
	try {
		if (!Expression.vmEvaluator) {
			// Expression.initExpressionEngine() loads the runtime with a dynamic
			// import(), which jest's module sandbox rejects (it needs
			// --experimental-vm-modules). Build the evaluator the same way with a
			// plain require; initExpressionEngine then only switches the engine.
			const runtime = requireFromWorkflow('@n8n/expression-runtime');
			const { expressionSandboxHooks } = require('n8n-workflow/expression-sandboxing');
			const evaluator = new runtime.ExpressionEvaluator({
				createBridge: () =>
					new runtime.IsolatedVmBridge({
						timeout: options.bridgeTimeout,
						memoryLimit: options.bridgeMemoryLimit,
						logger: LoggerProxy,
						compileCache: false,
					}),
				maxCodeCacheSize: options.maxCodeCacheSize,
				poolSize: options.poolSize,
				lazyAcquire: false,
				hooks: expressionSandboxHooks,
				logger: LoggerProxy,
			});
			await evaluator.initialize();
			Expression.vmEvaluator = evaluator;
		}
		await Expression.initExpressionEngine(options);
		if (Expression.getActiveImplementation() !== 'vm') throw new Error('vm engine did not activate');
		return 'vm';
	} catch (error) {
		if (requested === 'vm') throw error;
		logger.warn(
			`harness: isolated-vm expression engine unavailable on Node ${process.versions.node} ` +
				`(${error.message}); falling back to the legacy expression engine`,
		);
		try {
			await Expression.disposeExpressionEngine();
		} catch {}
		Expression.setExpressionEngine('legacy');
		return 'legacy';
	}
}

async function doSetup() {
	const logger = new CapturingLogger();
	Container.set(backendCommon.Logger, logger);
	LoggerProxy.init(logger);

	// InstanceSettings without touching ~/.n8n: a private tmp n8n folder.
	const n8nFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-harness-'));
	const instanceSettings = new core.InstanceSettings(
		{
			n8nFolder,
			userHome: path.dirname(n8nFolder),
			encryptionKey: 'n8n-harness-encryption-key',
			enforceSettingsFilePermissions: false,
		},
		logger,
	);
	Container.set(core.InstanceSettings, instanceSettings);

	// Keep the real ErrorReporter (its default report logs via the Logger), but
	// also remember the original error instances it is handed: WorkflowExecute
	// reports every node error here before it serialises it into the run data.
	const errorReporter = Container.get(core.ErrorReporter);
	const reportedErrors = [];
	let reportSeq = 0;
	const originalReport = errorReporter.report.bind(errorReporter);
	errorReporter.report = (error, options) => {
		reportedErrors.push({ seq: ++reportSeq, error, options });
		if (reportedErrors.length > 200) reportedErrors.shift();
		return originalReport(error, options);
	};

	const expressionEngine = await initExpressionEngine(logger);
	logger.debug(`harness: expression engine "${expressionEngine}" on Node ${process.versions.node}`);

	state = {
		logger,
		instanceSettings,
		n8nFolder,
		reportedErrors,
		/** errors handed to ErrorReporter after `seq` */
		reportedSince: (seq) => reportedErrors.filter((r) => r.seq > seq).map((r) => r.error),
		get reportSeq() {
			return reportSeq;
		},
		expressionEngine,
	};
	return state;
}

/** Idempotent; resolves with the process-wide harness state. */
async function ensureSetup() {
	if (!setupPromise) {
		setupPromise = doSetup().catch((error) => {
			setupPromise = undefined;
			throw error;
		});
	}
	return await setupPromise;
}

/** Disposes the isolate pool and removes the tmp n8n folder. */
async function shutdown() {
	if (!setupPromise) return;
	const s = await setupPromise.catch(() => undefined);
	setupPromise = undefined;
	state = undefined;
	try {
		await Expression.disposeExpressionEngine();
	} catch {}
	if (s?.n8nFolder) fs.rmSync(s.n8nFolder, { recursive: true, force: true });
}

module.exports = {
	requireFromCore,
	ensureSetup,
	shutdown,
	logBuffer,
	safeStringify,
	serializeError,
	CapturingLogger,
	LOG_LEVELS,
	nodeMajor,
};
