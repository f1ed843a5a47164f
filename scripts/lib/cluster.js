'use strict';
// The queue-mode part of the bring-up (scripts/lib/stack.js), for scripts/queue.js: Redis and PostgreSQL
// from Debian's packages on free ports with their data in the stack's temp dir, the packed package in
// the ~/.n8n/nodes of every n8n process (one user folder per process, as on separate machines), and
// `n8n start` (main), N `n8n worker` and M `n8n webhook` (webhook processors), all EXECUTIONS_MODE=queue.
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { REPO_ROOT, freePorts } = require('./util');
const services = require('./services');

/** The environment every process of the cluster shares (on top of Stack#n8nCtx's). */
function queueEnv({ pg, redis, encryptionKey, runnersToken, webhookBase }) {
  return {
    EXECUTIONS_MODE: 'queue',
    N8N_ENCRYPTION_KEY: encryptionKey,
    DB_TYPE: 'postgresdb',
    DB_POSTGRESDB_HOST: pg.host,
    DB_POSTGRESDB_PORT: String(pg.port),
    DB_POSTGRESDB_DATABASE: pg.database,
    DB_POSTGRESDB_USER: pg.user,
    DB_POSTGRESDB_PASSWORD: pg.password,
    // n8n's default pool of 2 connections per process cannot serve 200 webhook calls at once: the
    // webhook processor answered 500 "timeout exceeded when trying to connect" (waiting for a pool
    // slot), then 503 "Database is not ready!". 5 processes × 10 stays below max_connections (100).
    // On a starved machine n8n's pings (every 2 s, 5 s timeout) failed 3 times in a row, and its
    // "recovery" then dropped the connection under running queries ("Driver not Connected").
    DB_POSTGRESDB_POOL_SIZE: '10',
    DB_POSTGRESDB_CONNECTION_TIMEOUT: '60000',
    DB_POSTGRESDB_IDLE_CONNECTION_TIMEOUT: '600000',
    DB_PING_INTERVAL_SECONDS: '10',
    DB_PING_TIMEOUT_MS: '30000',
    DB_PING_MAX_FAILURES_BEFORE_RECOVERY: '10',
    // No task runner processes: the workflows here have no Code node, and an internal runner is one
    // more Node process per n8n process. Under load its start outlived the 30 s grant token ("invalid
    // or expired grant token", 403) and the main never became ready, as it waits for its runner.
    N8N_RUNNERS_MODE: 'external',
    N8N_RUNNERS_AUTH_TOKEN: runnersToken,
    QUEUE_BULL_REDIS_HOST: redis.host,
    QUEUE_BULL_REDIS_PORT: String(redis.port),
    // The URL triggers register at the provider: the first webhook processor's (the others serve the
    // same paths; a load balancer would share them out).
    WEBHOOK_URL: `${webhookBase}/`,
    // Production webhooks only on the webhook processor, as n8n recommends with one.
    N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
    EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
  };
}

/**
 * Brings up everything but the n8n processes, at once: build/pack/install into every role's user
 * folder, Redis, PostgreSQL, the emulator (`emulatorReset`: its first reset). Then the roles' contexts.
 * `webhooks`: how many webhook processors ('webhook', 'webhook-2', …).
 * Returns { roles, main (role), redis, pg, emulator, webhookBase, webhookBases }; webhookBase is the first
 * webhook processor's; roles: [{ name, command, ctx, … }].
 */
async function clusterUp(stack, { workers = 2, webhooks = 1, concurrency = 5, skipBuild = true, emulatorReset, note = () => {} }) {
  const { timings, tmp } = stack;
  await stack.locate();
  const roles = [
    { name: 'main', command: ['start'] },
    ...Array.from({ length: workers }, (_, i) => ({ name: `worker-${i + 1}`, command: ['worker', `--concurrency=${concurrency}`], worker: true })),
    ...Array.from({ length: webhooks }, (_, i) => ({ name: i ? `webhook-${i + 1}` : 'webhook', command: ['webhook'], webhook: true })),
  ];
  // Every port at once, held open together so that none comes back twice.
  const ports = await freePorts(roles.length * 3 + 3);
  for (const r of roles) {
    r.userFolder = path.join(tmp, 'users', r.name);
    r.logFile = path.join(tmp, `n8n-${r.name}.log`);
    fs.writeFileSync(r.logFile, '');
    [r.port, r.brokerPort] = [ports.pop(), ports.pop()];
    if (r.worker) r.healthPort = ports.pop();
  }
  const logFile = stack.logFile;
  const [, redis, pg, emulator] = await timings.time('set-up at once (build/pack/install, Redis, PostgreSQL, emulator)', async () => {
    const servicesUp = timings.time('Redis + PostgreSQL packages', () => services.ensurePackages({ logFile, say: note }))
      .then((apt) => note(`redis-server, postgresql: ${apt}`));
    return Promise.all([
      stack.installPackage({ userFolders: roles.map((r) => r.userFolder), packageDir: REPO_ROOT, skipBuild }),
      servicesUp.then(() => timings.time('start Redis', async () =>
        stack.track(await services.startRedis({ dir: path.join(tmp, 'redis'), port: ports.pop(), logFile: path.join(tmp, 'redis.log') })))),
      servicesUp.then(() => timings.time('start PostgreSQL (initdb)', async () => stack.track(await services.startPostgres({
        dir: path.join(tmp, 'pg'), port: ports.pop(), logFile: path.join(tmp, 'postgres.log'), password: crypto.randomBytes(12).toString('hex'),
      })))),
      (async () => {
        const x = await stack.startEmulator({ port: ports.pop() });
        if (emulatorReset) await x.client.reset(emulatorReset);
        return x;
      })(),
    ]);
  });
  const webhookBases = roles.filter((r) => r.webhook).map((r) => `http://127.0.0.1:${r.port}`);
  const webhookBase = webhookBases[0];
  const shared = queueEnv({ pg, redis, webhookBase, encryptionKey: crypto.randomBytes(24).toString('hex'), runnersToken: crypto.randomBytes(24).toString('hex') });
  for (const r of roles) {
    r.ctx = stack.n8nCtx({
      userFolder: r.userFolder, port: r.port, brokerPort: r.brokerPort, logFile: r.logFile,
      extra: { ...shared, ...(r.worker ? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(r.healthPort) } : {}) },
    });
    delete r.ctx.env.DB_SQLITE_POOL_SIZE;
    if (!r.ctx.env.N8N_DISABLED_MODULES) delete r.ctx.env.N8N_DISABLED_MODULES;
  }
  Object.assign(stack, { roles, redis, pg, webhookBase, webhookBases });
  return { roles, main: roles[0], redis, pg, emulator, webhookBase, webhookBases };
}

/**
 * Starts the workers and the webhook processor (not awaited: `othersReady`) and the main, then the owner
 * on the main. Returns { main (N8nServer), othersReady }.
 */
async function clusterStart(stack, { owner, timeoutMs = 420000 }) {
  const [mainRole, ...others] = stack.roles;
  const started = others.map((r) => stack.startServer(r.ctx, { command: r.command, healthPort: r.healthPort, timeoutMs, label: `n8n ${r.name}`, stopGraceMs: 20000 })
    .then((s) => { r.server = s; }));
  const othersReady = stack.timings.time(`${others.length} n8n workers/webhook until ready`, () => Promise.all(started));
  othersReady.catch(() => {}); // awaited by the caller; a failure must not go unhandled meanwhile
  mainRole.server = await stack.startServer(mainRole.ctx, { timeoutMs, label: 'n8n start (main) until ready', stopGraceMs: 20000 });
  await stack.timings.time('owner (main)', () => mainRole.server.ensureOwner(owner));
  return { main: mainRole.server, othersReady };
}

module.exports = { clusterUp, clusterStart, queueEnv };
