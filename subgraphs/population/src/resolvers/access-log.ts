import { ErrorCode, HubError, INTERNAL_TOKEN_HEADER } from '@hub/access';
import { accessLogChainState, readAccessEvents, unavailableChainState, type AccessLogChainState, type AccessLogEntry } from '@hub/audit';
import { personIdFor, personIdSecret } from '@hub/domain';
import { SUBGRAPHS, subgraphUrlVariable } from '@hub/stack';
import type { AccessEvent } from '../entities/access-event';
import type { PopulationContext } from './context';

/** The other subgraphs' names and their internal routes' base (SUBGRAPH_URL_<NAME>, else the demo ports). */
function peers(): Array<{ name: string; base: string }> {
  return SUBGRAPHS.filter(({ name }) => name !== 'population').map(({ name, port }) => ({
    name,
    base: process.env[subgraphUrlVariable(name)] || `http://127.0.0.1:${port}/graphql`,
  }));
}

/** Why a peer gave no answer, in a few words (never its URL). */
class PeerUnanswered extends Error {}

/**
 * Asks every other subgraph one of its `/internal/<route>` endpoints with this request's gateway-signed token
 * (each checks the purpose itself and logs the look); `answer` turns a peer's JSON or its failure into the result.
 */
async function askPeers<T>(context: PopulationContext, route: string, params: Record<string, string>, timeoutMs: number, answer: (name: string, body: unknown, failure?: PeerUnanswered) => T): Promise<T[]> {
  return Promise.all(
    peers().map(async ({ name, base }) => {
      const target = new URL(`/internal/${route}`, base);
      for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value);
      let body: unknown;
      try {
        const response = await fetch(target, { headers: { [INTERNAL_TOKEN_HEADER]: context.internalToken }, signal: AbortSignal.timeout(timeoutMs) });
        if (!response.ok) throw new PeerUnanswered(`HTTP ${response.status}`);
        body = await response.json();
      } catch (error) {
        const failure = error instanceof PeerUnanswered ? error : new PeerUnanswered((error as Error)?.name === 'TimeoutError' ? 'timeout' : 'no connection');
        return answer(name, undefined, failure);
      }
      return answer(name, body);
    }),
  );
}

/**
 * A person's access log across the hub, newest first: population's own events and, fetched with the same
 * gateway-signed token, every other subgraph's. An audit must be complete: a subgraph that cannot answer
 * fails the field instead of silently shortening the log.
 */
export async function federatedAccessLog(context: PopulationContext, idNumber: string, first: number): Promise<AccessEvent[]> {
  const subject = personIdFor(idNumber, personIdSecret());
  const own = (await readAccessEvents(context.em.getConnection(), subject, first)).map((event) => ({ ...event, subgraph: 'population' }));
  const others = await askPeers(context, 'access-events', { subject, first: String(first) }, 5000, (name, body, failure) => {
    if (failure) throw new HubError(ErrorCode.SUBGRAPH_UNAVAILABLE, `The access log is incomplete: ${name} did not answer (${failure.message})`);
    return (body as AccessLogEntry[]).map((event) => ({ ...event, subgraph: name }));
  });
  return [...own, ...others.flat()]
    .sort((a, b) => (a.at === b.at ? 0 : a.at < b.at ? 1 : -1))
    .slice(0, first)
    .map((event) => ({ ...event, subject: undefined }) as AccessEvent);
}

/** `civil-affairs` → `CIVIL_AFFAIRS`. */
const departmentOf = (subgraph: string) => subgraph.toUpperCase().replace(/-/g, '_');

/**
 * Below the gateway's own time limit for a subgraph (SUBGRAPH_TIMEOUT_MS, 10 s by default): a department whose walk
 * takes longer is reported UNAVAILABLE ("timeout") instead of the gateway giving up on the whole answer.
 */
const INTEGRITY_PEER_TIMEOUT_MS = Number(process.env.ACCESS_LOG_INTEGRITY_TIMEOUT_MS) || 8000;

/**
 * The state of every department's access-log chain, population's first: each subgraph walks its own log (in
 * parallel, in its own database). A department that does not answer is reported UNAVAILABLE, the others still are.
 */
export async function accessLogIntegrity(context: PopulationContext): Promise<AccessLogChainState[]> {
  const [own, others] = await Promise.all([
    accessLogChainState(context.em.getConnection(), 'POPULATION'),
    askPeers(context, 'access-log-integrity', {}, INTEGRITY_PEER_TIMEOUT_MS, (name, body, failure) => {
      const state = body as AccessLogChainState | undefined;
      if (failure || !state || typeof state.status !== 'string') return unavailableChainState(departmentOf(name), failure?.message ?? 'unreadable answer');
      return { ...state, department: departmentOf(name) };
    }),
  ]);
  return [own, ...others];
}
