import { ErrorCode, HubError, INTERNAL_TOKEN_HEADER } from '@hub/access';
import { readAccessEvents, type AccessLogEntry } from '@hub/audit';
import { personIdFor, personIdSecret } from '@hub/domain';
import { SUBGRAPHS, subgraphUrlVariable } from '@hub/stack';
import type { AccessEvent } from '../entities/access-event';
import type { PopulationContext } from './context';

/** The other subgraphs' access-log endpoints (SUBGRAPH_URL_<NAME>, else the demo ports). */
function peerEndpoints(): Array<{ name: string; url: URL }> {
  return SUBGRAPHS.filter(({ name }) => name !== 'population').map(({ name, port }) => ({
    name,
    url: new URL('/internal/access-events', process.env[subgraphUrlVariable(name)] || `http://127.0.0.1:${port}/graphql`),
  }));
}

/**
 * A person's access log across the hub, newest first: population's own events and, fetched with the same
 * gateway-signed token, every other subgraph's. An audit must be complete: a subgraph that cannot answer
 * fails the field instead of silently shortening the log.
 */
export async function federatedAccessLog(context: PopulationContext, idNumber: string, first: number): Promise<AccessEvent[]> {
  const subject = personIdFor(idNumber, personIdSecret());
  const own = (await readAccessEvents(context.em.getConnection(), subject, first)).map((event) => ({ ...event, subgraph: 'population' }));
  const peers = await Promise.all(
    peerEndpoints().map(async ({ name, url }) => {
      const target = new URL(url);
      target.searchParams.set('subject', subject);
      target.searchParams.set('first', String(first));
      try {
        const response = await fetch(target, { headers: { [INTERNAL_TOKEN_HEADER]: context.internalToken }, signal: AbortSignal.timeout(5000) });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return ((await response.json()) as AccessLogEntry[]).map((event) => ({ ...event, subgraph: name }));
      } catch (error) {
        throw new HubError(ErrorCode.SUBGRAPH_UNAVAILABLE, `The access log is incomplete: ${name} did not answer (${(error as Error).message})`);
      }
    }),
  );
  return [...own, ...peers.flat()]
    .sort((a, b) => (a.at === b.at ? 0 : a.at < b.at ? 1 : -1))
    .slice(0, first)
    .map((event) => ({ ...event, subject: undefined }) as AccessEvent);
}
