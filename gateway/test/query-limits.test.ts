import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '@hub/access';
import { checkQueryLimits, schemaForLimits, type QueryLimits } from '../src/limits/query-limits';

const schema = schemaForLimits(readFileSync(join(repositoryRoot(), 'schema', 'supergraph.graphql'), 'utf8'));
const limits: QueryLimits = { maxDepth: 15, maxAliases: 50, maxTokens: 10_000, maxCost: 100_000 };

/** The refusal's message, or undefined when the document is within every limit. */
function refusal(query: string, variables: Record<string, unknown> = {}): string | undefined {
  try {
    checkQueryLimits(query, variables, limits, schema);
    return undefined;
  } catch (error) {
    expect(error).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
    return (error as Error).message;
  }
}

/** 40 fragments, each spreading the next twice: ~2^40 leaves when every spread is walked again. */
function fragmentBomb(levels: number): string {
  const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`);
  return `query { ...F0 } ${fragments.join(' ')} fragment F${levels} on Query { regions { code } }`;
}

describe('the limit checker', () => {
  it('measures each fragment once: a 40-level fragment bomb is refused for its cost, not walked 2^40 times', () => {
    expect(refusal(fragmentBomb(40))).toMatch(/estimated cost of \d+ or more .*the cost limit is 100000/);
  });

  it('prices a fragment spread many times as often as it is spread', () => {
    // Fourteen levels of a 21-cost fragment (20 regions and their codes): the walk stops inside F0, at F1, whose
    // 8,192 spreads already cost 172,032. Two levels (4 spreads) are within the limit.
    expect(refusal(fragmentBomb(14))).toMatch(/estimated cost of 172032 or more/);
    expect(refusal(fragmentBomb(2))).toBeUndefined();
  });

  it("prices a page size left to the variable's default as the default, not as the default page", () => {
    const query = 'query($n: Int = 100000) { people(first: $n) { nodes { name gender } } }';
    expect(refusal(query)).toMatch(/estimated cost of 300001 or more/);
    expect(refusal(query, { n: 10 })).toBeUndefined();
  });

  it('prices an unpaged list by the rows its subgraph answers at most, not as one row', () => {
    expect(refusal('{ grids { code dwellings(first: 100) { id address } } }')).toMatch(/estimated cost of 404001 or more/);
    expect(refusal('{ grids { code name residentCount floatingCount } }')).toBeUndefined();
    expect(refusal('{ regions { code children { code children { code children { code } } } } }')).toMatch(/cost limit/);
  });

  it('prices subsistenceChecks by the ids it is given', () => {
    const query = 'query($ids: [ID!]!) { subsistenceChecks(applicationIds: $ids) { eligible reasons provenance { fact department source } } }';
    const ids = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));
    // 1 + n × (1 + 1 + (1 + 20 × 3)): 63 a check, so 250 checks cost 15,751 and 2,000 would cost 126,001.
    expect(refusal(query, { ids: ids(250) })).toBeUndefined();
    expect(refusal(query, { ids: ids(2000) })).toMatch(/estimated cost of 126001 or more/);
  });

  it('stops at the first field over a limit and names it as it was measured', () => {
    expect(refusal('{ people(first: 500) { nodes { household { members { person { household { members { person { name } } } } } } } } }')).toMatch(/cost limit/);
    const deep = `{ ${'regions { children { '.repeat(8)}code${' } }'.repeat(8)} }`;
    expect(refusal(deep)).toMatch(/nested 16 levels deep; the depth limit is 15/);
  });
});
