'use strict';
/*
 * Starts the real processes the bench measures, on free ports: the five subgraphs, gridhub's gateway and
 * (on demand) Hive Gateway over the same supergraph. Every subgraph and the gateway get sql-counter.cjs
 * preloaded (statement counts, server-side request time, CPU), read with `snapshot()`.
 */
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { gatewayEntry, startNodeProcess, subgraphEntry, waitForHealthy } = require('@hub/stack');
const { SUBGRAPHS, subgraphUrlVariable } = require('@hub/topology');

const ROOT = path.resolve(__dirname, '..', '..');
const COUNTER = path.join(__dirname, 'sql-counter.cjs');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** utime+stime of a Linux process in ms (clock ticks assumed 100/s), or NaN elsewhere. */
function processCpuMs(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

class Hub {
  constructor(env, log) {
    this.env = env;
    this.log = log;
    this.processes = new Map();
    this.subgraphUrls = {};
    this.output = new Map();
    this.pendingStats = new Map();
  }

  record(name, line) {
    if (line.startsWith('BENCH_STATS ')) {
      const waiter = this.pendingStats.get(name);
      if (waiter) {
        this.pendingStats.delete(name);
        waiter(JSON.parse(line.slice('BENCH_STATS '.length)));
      }
      return;
    }
    const lines = this.output.get(name) || [];
    lines.push(line);
    if (lines.length > 200) lines.shift();
    this.output.set(name, lines);
    if (line.startsWith('BENCH_STATS_ERROR')) this.log(`${name}: ${line}`);
  }

  start(name, script, env, args = [], nodeArgs = []) {
    const proc = startNodeProcess({ name, script, args, nodeArgs, env, output: (n, line) => this.record(n, line) });
    this.processes.set(name, proc);
    return proc;
  }

  tail(name) {
    return (this.output.get(name) || []).slice(-15).join('\n');
  }

  /**
   * Subgraphs and gridhub's gateway. `profileDir` runs each of them under --cpu-prof, one `<name>.cpuprofile` per
   * process, written when it stops.
   */
  async startGridhub({ profileDir = null } = {}) {
    const profiling = (name) => (profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}.cpuprofile`] : []);
    const ports = {};
    for (const { name } of SUBGRAPHS) {
      ports[name] = await freePort();
      this.subgraphUrls[name] = `http://127.0.0.1:${ports[name]}/graphql`;
    }
    const urls = Object.fromEntries(Object.entries(this.subgraphUrls).map(([name, url]) => [subgraphUrlVariable(name), url]));
    // Population's per-user budget of look-ups by ID number (issue #16) is off too, for the same one bench user: the
    // record scenarios look up thousands of residents a minute by number.
    const base = { ...this.env, ...urls, ID_NUMBER_LOOKUPS_PER_MINUTE: '0', NODE_OPTIONS: `--require ${COUNTER}` };
    await Promise.all(
      SUBGRAPHS.map(async ({ name }) => {
        const proc = this.start(name, subgraphEntry(name), { ...base, PORT: String(ports[name]) }, [], profiling(name));
        await waitForHealthy(`http://127.0.0.1:${ports[name]}/health`, proc, 60_000).catch((error) => {
          throw new Error(`${error.message}\n${this.tail(name)}`);
        });
      }),
    );
    const port = await freePort();
    // The per-user rate limit is off: the bench is one user sending hundreds of requests a second (Hive Gateway has none either).
    const proc = this.start('gateway', gatewayEntry(), { ...base, PORT: String(port), RATE_LIMIT_PER_MINUTE: '0' }, [], profiling('gateway'));
    await waitForHealthy(`http://127.0.0.1:${port}/health`, proc, 60_000).catch((error) => {
      throw new Error(`${error.message}\n${this.tail('gateway')}`);
    });
    this.gatewayUrl = `http://127.0.0.1:${port}/graphql`;
    return this;
  }

  /**
   * Hive Gateway (single process, as gridhub's gateway) over the checked-in supergraph file, with the
   * subgraph locations of this run, signing each subgraph fetch's internal token for `internalIdentity`. `rustPlanner`
   * runs it on Hive Router's runtime (`@graphql-hive/router-runtime`: the Rust query planner, a native addon, and
   * its executor) instead of its default JavaScript one; `name` keeps two of them apart.
   */
  async startHive(internalIdentity, { name = 'hive-gateway', rustPlanner = false } = {}) {
    const port = await freePort();
    const bin = require.resolve('@graphql-hive/gateway/package.json').replace(/package\.json$/, 'dist/bin.cjs');
    const env = {
      ...this.env,
      BENCH_HIVE_SUBGRAPHS: JSON.stringify(this.subgraphUrls),
      BENCH_INTERNAL_IDENTITY: JSON.stringify(internalIdentity),
      NODE_OPTIONS: '',
      ...(rustPlanner ? { BENCH_HIVE_RUST_PLANNER: 'true' } : {}),
    };
    const proc = this.start(name, bin, env, [
      'supergraph',
      path.join(ROOT, 'schema', 'supergraph.graphql'),
      '--config-path',
      path.join(ROOT, 'bench', 'hive', 'gateway.config.mjs'),
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--fork',
      '1',
      '--disable-websockets',
    ]);
    await waitForHealthy(`http://127.0.0.1:${port}/healthcheck`, proc, 60_000).catch((error) => {
      throw new Error(`${error.message}\n${this.tail(name)}`);
    });
    return `http://127.0.0.1:${port}/graphql`;
  }

  async stopProcess(name) {
    const proc = this.processes.get(name);
    if (proc) await proc.stop('SIGTERM', 10_000);
    this.processes.delete(name);
  }

  /** Counters of every running process (bench-preloaded ones answer SIGUSR2; all get /proc CPU). */
  async snapshot() {
    const result = {};
    await Promise.all(
      [...this.processes.entries()].map(async ([name, proc]) => {
        const cpuMs = processCpuMs(proc.child.pid);
        if (name.startsWith('hive-')) {
          result[name] = { cpuMs };
          return;
        }
        const stats = await new Promise((resolve) => {
          const timer = setTimeout(() => {
            this.pendingStats.delete(name);
            resolve(null);
          }, 2000);
          this.pendingStats.set(name, (value) => {
            clearTimeout(timer);
            resolve(value);
          });
          proc.child.kill('SIGUSR2');
        });
        result[name] = { ...(stats || {}), cpuMs };
      }),
    );
    return result;
  }

  /** Peak resident set (VmHWM, MiB) of every running process; NaN where /proc is not there. */
  peakRssMiB() {
    const result = {};
    for (const [name, proc] of this.processes) {
      try {
        const kb = Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${proc.child.pid}/status`, 'utf8'))[1]);
        result[name] = Math.round(kb / 1024);
      } catch {
        result[name] = NaN;
      }
    }
    return result;
  }

  async stop() {
    await Promise.all([...this.processes.keys()].map((name) => this.stopProcess(name)));
  }
}

/** after - before, per process and field (numbers only). */
function delta(before, after) {
  const out = {};
  for (const [name, value] of Object.entries(after)) {
    const prior = before[name] || {};
    out[name] = {};
    for (const [key, v] of Object.entries(value)) {
      if (typeof v === 'number') out[name][key] = v - (prior[key] || 0);
      else if (v && typeof v === 'object') {
        out[name][key] = {};
        for (const [k, n] of Object.entries(v)) out[name][key][k] = n - ((prior[key] || {})[k] || 0);
      }
    }
  }
  return out;
}

module.exports = { Hub, delta, freePort, ROOT };
