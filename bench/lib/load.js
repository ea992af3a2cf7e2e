'use strict';
/*
 * A small HTTP load generator on undici's Pool (keep-alive, no pipelining):
 *   closedLoop — `concurrency` clients each send the next request as soon as the previous one answered:
 *                the saturation throughput;
 *   openLoop   — requests are sent on a fixed schedule whatever the answers do; latency is measured from
 *                the scheduled send time, so a slow server cannot hide its queueing (no coordinated omission);
 *   interleaved… — the same with several request kinds taken in turn, measured side by side.
 * Every response body is parsed and checked: HTTP status, `errors`, and the caller's `check(data)`. A
 * failed response counts as a failure (kept with its first message), never as a latency sample.
 */
const { Pool } = require('undici');

class Target {
  /** `authorize(body)`, when given, adds headers signed for each request (a subgraph's internal token). */
  constructor(url, headers, { connections = 64, authorize } = {}) {
    const parsed = new URL(url);
    this.authorize = authorize;
    this.origin = parsed.origin;
    this.path = parsed.pathname;
    this.headers = { 'content-type': 'application/json', ...headers };
    this.pool = new Pool(this.origin, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
  }

  /** One GraphQL request; resolves { ok, ms, error?, data? } and never rejects. */
  async send(body, check, startedAt = performance.now()) {
    try {
      const headers = this.authorize ? { ...this.headers, ...(await this.authorize(body)) } : this.headers;
      const response = await this.pool.request({ method: 'POST', path: this.path, headers, body });
      const text = await response.body.text();
      const ms = performance.now() - startedAt;
      let parsed;
      try {
        parsed = JSON.parse(text);
      } catch {
        return { ok: false, ms, error: `HTTP ${response.statusCode}: non-JSON ${text.slice(0, 120)}` };
      }
      if (response.statusCode !== 200) return { ok: false, ms, error: `HTTP ${response.statusCode}: ${errorText(parsed)}` };
      if (parsed.errors && parsed.errors.length) return { ok: false, ms, error: errorText(parsed) };
      const problem = check ? check(parsed.data) : undefined;
      if (problem) return { ok: false, ms, error: problem };
      return { ok: true, ms, data: parsed.data };
    } catch (error) {
      return { ok: false, ms: performance.now() - startedAt, error: `${error.code || ''} ${error.message}`.trim() };
    }
  }

  close() {
    return this.pool.close();
  }
}

function errorText(body) {
  const first = body && body.errors && body.errors[0];
  if (!first) return JSON.stringify(body).slice(0, 200);
  const code = first.extensions && first.extensions.code;
  return `${code ? `${code}: ` : ''}${first.message}`;
}

/** A tally of outcomes: latencies of the successes, failures by message. */
class Tally {
  constructor() {
    this.latencies = [];
    this.failures = 0;
    this.failureMessages = new Map();
  }
  add(result) {
    if (result.ok) this.latencies.push(result.ms);
    else {
      this.failures++;
      this.failureMessages.set(result.error, (this.failureMessages.get(result.error) || 0) + 1);
    }
  }
  firstFailures(limit = 3) {
    return [...this.failureMessages.entries()].slice(0, limit).map(([message, count]) => ({ message, count }));
  }
}

/**
 * `concurrency` clients, each sending its next request as soon as the previous one answered. With several kinds,
 * every client takes them in turn (request i of a client goes to kinds[i % kinds.length]), so the throughput is
 * that of the mix. `makeBody(i)` gives the i-th request's JSON body (the variables rotate over a pool of subjects).
 */
async function interleavedClosedLoop(kinds, { concurrency, durationMs }) {
  const tallies = kinds.map(() => new Tally());
  let i = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  const worker = async (w) => {
    for (let turn = w; performance.now() < deadline; turn++) {
      const k = turn % kinds.length;
      tallies[k].add(await kinds[k].target.send(kinds[k].makeBody(i++), kinds[k].check));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const seconds = (performance.now() - started) / 1000;
  const completed = tallies.reduce((sum, t) => sum + t.latencies.length, 0);
  return { tallies, seconds, completed, throughput: completed / seconds };
}

/**
 * Requests sent on a fixed schedule at `rate` per second in all, whatever the answers do; latency is measured from
 * the scheduled send time. With several kinds, request i goes to kinds[i % kinds.length]: the kinds are measured
 * side by side, each at rate / kinds.length, so that a stall of the machine (a GC, a commit's fsync, the scheduler)
 * lands on all of them alike instead of on whichever happened to run at that moment.
 */
async function interleavedOpenLoop(kinds, { rate, durationMs }) {
  const tallies = kinds.map(() => new Tally());
  const interval = 1000 / rate;
  const total = Math.max(1, Math.round((durationMs / 1000) * rate));
  const inFlight = [];
  const started = performance.now();
  let sent = 0;
  let maxLagMs = 0;
  await new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && started + sent * interval <= now) {
        const scheduled = started + sent * interval;
        maxLagMs = Math.max(maxLagMs, now - scheduled);
        const k = sent % kinds.length;
        inFlight.push(kinds[k].target.send(kinds[k].makeBody(sent), kinds[k].check, scheduled).then((r) => tallies[k].add(r)));
        sent++;
      }
      if (sent >= total) return resolve();
      const next = started + sent * interval - performance.now();
      setTimeout(tick, Math.max(0, next));
    };
    tick();
  });
  await Promise.all(inFlight);
  const seconds = (performance.now() - started) / 1000;
  return {
    tallies,
    seconds,
    offeredRate: rate,
    achievedRates: tallies.map((t) => t.latencies.length / seconds),
    maxSchedulerLagMs: maxLagMs,
  };
}

/** One kind in a closed loop: the saturation throughput. */
async function closedLoop(target, { makeBody, check, concurrency, durationMs }) {
  const run = await interleavedClosedLoop([{ target, makeBody, check }], { concurrency, durationMs });
  return { ...run, tally: run.tallies[0] };
}

/** One kind in an open loop: no coordinated omission, a slow server cannot hide its queueing. */
async function openLoop(target, { makeBody, check, rate, durationMs }) {
  const run = await interleavedOpenLoop([{ target, makeBody, check }], { rate, durationMs });
  return { ...run, tally: run.tallies[0], achievedRate: run.achievedRates[0] };
}

module.exports = { Target, Tally, closedLoop, openLoop, interleavedClosedLoop, interleavedOpenLoop };
