export interface SubgraphHealth {
  status: 'up' | 'down';
  database?: 'up' | 'down';
  ms: number;
  error?: string;
}

export interface HubHealth {
  status: 'ok' | 'degraded';
  subgraphs: Record<string, SubgraphHealth>;
}

async function checkOne(graphqlUrl: string, timeoutMs: number): Promise<SubgraphHealth> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(new URL('/health', graphqlUrl), { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await response.json().catch(() => ({}))) as { database?: 'up' | 'down'; error?: string };
    if (response.ok) return { status: 'up', database: body.database ?? 'up', ms: ms() };
    return { status: 'down', database: body.database, ms: ms(), error: body.error ?? `HTTP ${response.status}` };
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    return { status: 'down', ms: ms(), error: timedOut ? `no answer within ${timeoutMs} ms` : 'unreachable' };
  }
}

/** Asks every subgraph's /health (which checks its own database) in parallel, each within `timeoutMs`. */
export async function checkHubHealth(subgraphUrls: ReadonlyMap<string, string>, timeoutMs = 1500): Promise<HubHealth> {
  const entries = await Promise.all([...subgraphUrls].map(async ([name, url]) => [name, await checkOne(url, timeoutMs)] as const));
  const subgraphs = Object.fromEntries(entries);
  const allUp = entries.every(([, health]) => health.status === 'up' && health.database !== 'down');
  return { status: allUp ? 'ok' : 'degraded', subgraphs };
}
