'use strict';
/*
 * sql_statements_per_request_max: every kind of request the bench sends, three times each, one at a time,
 * with a counter snapshot of every subgraph process before and after (bench/lib/sql-counter.cjs). A request's
 * count is everything the five subgraphs sent to PostgreSQL while it ran: data statements and audit appends.
 */
const { delta } = require('../lib/hub');

function statementsOf(d) {
  const perSubgraph = {};
  let total = 0;
  let audit = 0;
  for (const [name, v] of Object.entries(d)) {
    if (!v.statements) continue;
    perSubgraph[name] = { statements: v.statements, auditAppends: (v.byKind && v.byKind.audit_append) || 0, httpRequests: v.requests || 0 };
    total += v.statements;
    audit += perSubgraph[name].auditAppends;
  }
  return { total, data: total - audit, auditAppends: audit, perSubgraph };
}

async function sql(ctx) {
  const kinds = ctx.requestKinds();
  const perKind = {};
  let max = 0;
  let maxKind;
  for (const kind of kinds) {
    const samples = [];
    for (let i = 0; i < 3; i++) {
      const before = await ctx.hub.snapshot();
      const result = await kind.target.send(kind.makeBody(i + 7), kind.check);
      const after = await ctx.hub.snapshot();
      if (!result.ok) {
        samples.push({ failed: result.error });
        continue;
      }
      samples.push(statementsOf(delta(before, after)));
    }
    const ok = samples.filter((s) => !s.failed);
    const worst = ok.reduce((a, b) => (b.total > (a ? a.total : -1) ? b : a), undefined);
    perKind[kind.name] = { max: worst ? worst.total : null, worst, failures: samples.filter((s) => s.failed).map((s) => s.failed) };
    if (worst && worst.total > max) {
      max = worst.total;
      maxKind = kind.name;
    }
    ctx.log(
      `${kind.name}: ${worst ? `${worst.total} statements (${worst.data} data + ${worst.auditAppends} audit appends) ${JSON.stringify(Object.fromEntries(Object.entries(worst.perSubgraph).map(([n, v]) => [n, v.statements])))}` : `failed: ${perKind[kind.name].failures[0]}`}`,
    );
  }
  ctx.record('sql_statements_per_request_max', max, {
    request: maxKind,
    perKind,
    method:
      'pg Client#query calls counted in every subgraph process (preloaded bench/lib/sql-counter.cjs), snapshot before and after each request, requests one at a time; pg_stat_statements is not loadable on the machine server (not in shared_preload_libraries)',
  });
}

module.exports = { sql };
