'use strict';
/*
 * Preloaded into every subgraph process the bench starts (NODE_OPTIONS=--require …), never in production.
 * Counts what the process sends to PostgreSQL and how long its HTTP requests take:
 *   - every pg Client#query call is one statement (MikroORM → knex → pg sends one statement per call;
 *     BEGIN/COMMIT would be counted too — none occur on the read paths measured);
 *   - every HTTP request: count and server-side time from 'request' to 'finish';
 *   - process CPU time.
 * On SIGUSR2 the process prints one line `BENCH_STATS {json}` to stderr; the bench sums deltas between two
 * snapshots. Nothing of the subgraph's code changes.
 */
const http = require('node:http');
const path = require('node:path');
// The log's own test for its append statement: only the small SQL module, not the whole package.
const { isAccessLogAppend } = require('@hub/audit/dist/access-log.sql');

const stats = { statements: 0, byKind: {}, sqlMsByKind: {}, requests: 0, requestMs: 0 };

function kindOf(text) {
  const sql = String(text || '')
    .trimStart()
    .slice(0, 40)
    .toLowerCase();
  if (isAccessLogAppend(sql)) return 'audit_append';
  return sql.split(/\s+/)[0] || 'unknown';
}

function patchPg(pg) {
  if (!pg || !pg.Client || pg.Client.prototype.__benchCounted) return;
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function countedQuery(config, ...rest) {
    const text = typeof config === 'string' ? config : config && config.text;
    stats.statements++;
    const kind = kindOf(text);
    stats.byKind[kind] = (stats.byKind[kind] || 0) + 1;
    // Time from the call to the answer (queueing on the connection included), by kind of statement.
    const started = process.hrtime.bigint();
    const done = () => {
      stats.sqlMsByKind[kind] = (stats.sqlMsByKind[kind] || 0) + Number(process.hrtime.bigint() - started) / 1e6;
    };
    const last = rest.length ? rest[rest.length - 1] : typeof config === 'function' ? config : undefined;
    if (typeof last === 'function') {
      rest[rest.length - 1] = function timedCallback(...args) {
        done();
        return last.apply(this, args);
      };
      return original.call(this, config, ...rest);
    }
    if (config && typeof config.callback === 'function') {
      const callback = config.callback;
      config.callback = function timedCallback(...args) {
        done();
        return callback.apply(this, args);
      };
      return original.call(this, config, ...rest);
    }
    const result = original.call(this, config, ...rest);
    if (result && typeof result.then === 'function') result.then(done, done);
    return result;
  };
  pg.Client.prototype.__benchCounted = true;
}

// pg is resolved from the subgraph's own location, as knex would resolve it.
try {
  const main = process.argv[1] ? path.dirname(process.argv[1]) : process.cwd();
  patchPg(require(require.resolve('pg', { paths: [main] })));
} catch (error) {
  process.stderr.write(`BENCH_STATS_ERROR cannot patch pg: ${error.message}\n`);
}

const originalEmit = http.Server.prototype.emit;
http.Server.prototype.emit = function emit(event, req, res) {
  if (event === 'request' && req && req.url && !req.url.startsWith('/health')) {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      stats.requests++;
      stats.requestMs += Number(process.hrtime.bigint() - started) / 1e6;
    });
  }
  return originalEmit.apply(this, arguments);
};

process.on('SIGUSR2', () => {
  const cpu = process.cpuUsage();
  process.stderr.write(`BENCH_STATS ${JSON.stringify({ ...stats, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
});
