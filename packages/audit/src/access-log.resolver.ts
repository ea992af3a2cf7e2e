import { ErrorCode, HubError, INTERNAL_TOKEN_HEADER, checkedIdNumber, inScope, type OnwardTokens, type RequestIdentity, type Scope } from '@hub/access';
import { personIdFor, personIdSecret } from '@hub/domain';
import { SUBGRAPHS, departmentOf, subgraphUrl } from '@hub/topology';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { AccessEvent, AccessLogChainState } from './access-event.entity';
import type { SqlExecutor } from './append';
import type { AuditRecorder } from './audit-recorder';
import { ACCESS_LOG_READ } from './verify-database';
import { readAccessEvents } from './read-events';
import { accessLogChainState, unavailableChainState, type AccessLogChainState as ChainState } from './verify-database';

/** What the federated access log needs of a request: the hosting subgraph's connection and the gateway-signed tokens for its peers. */
export interface AccessLogContext {
  identity: RequestIdentity;
  em: { getConnection(): SqlExecutor };
  /** The gateway's tokens for this request's calls to each peer's route (each checks the purpose and logs the look). */
  onwardTokens: OnwardTokens;
  audit: Pick<AuditRecorder, 'note'>;
}

/**
 * Where the subject of a log lives, from the hosting subgraph's own records (population's residents), or null when
 * it knows no such person. An auditor reads the logs of the subjects within their jurisdiction only.
 */
export type SubjectScope = (connection: SqlExecutor, subject: string) => Promise<Scope | null>;

/** Another subgraph whose access log the federated fields read, at its internal routes' base url. */
export interface AccessLogPeer {
  name: string;
  base: string;
}

/**
 * The subgraphs other than `self` and where their internal routes answer (SUBGRAPH_URL_<NAME>, else the demo
 * ports). Read once, when the hosting subgraph is defined; the resolver keeps the list.
 */
export function accessLogPeers(self: string, env: NodeJS.ProcessEnv = process.env): readonly AccessLogPeer[] {
  return Object.freeze(SUBGRAPHS.filter(({ name }) => name !== self).map(({ name }) => ({ name, base: subgraphUrl(name, env) })));
}

/** Why a peer gave no answer, in a few words (never its URL). */
class PeerUnanswered extends Error {}

/**
 * Asks every peer one of its `/internal/<route>` endpoints with the token the gateway granted this request for that
 * peer and route (each checks the purpose itself and logs the look); `answer` turns a peer's JSON or its failure into the result.
 */
async function askPeers<T>(
  peers: readonly AccessLogPeer[],
  context: AccessLogContext,
  route: string,
  params: Record<string, string>,
  timeoutMs: number,
  answer: (name: string, body: unknown, failure?: PeerUnanswered) => T,
): Promise<T[]> {
  return Promise.all(
    peers.map(async ({ name, base }) => {
      const target = new URL(`/internal/${route}`, base);
      for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value);
      const token = context.onwardTokens[name]?.[route];
      // Without the gateway's grant the peer would refuse the call (401): say so instead of asking.
      if (!token) return answer(name, undefined, new PeerUnanswered('no token for it from the gateway'));
      let body: unknown;
      try {
        const response = await fetch(target, { headers: { [INTERNAL_TOKEN_HEADER]: token }, signal: AbortSignal.timeout(timeoutMs) });
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
 * Below the gateway's own time limit for a subgraph (SUBGRAPH_TIMEOUT_MS, 10 s by default): a department whose walk
 * takes longer is reported UNAVAILABLE ("timeout") instead of the gateway giving up on the whole answer.
 */
const INTEGRITY_PEER_TIMEOUT_MS = Number(process.env.ACCESS_LOG_INTEGRITY_TIMEOUT_MS) || 8000;

const DEFAULT_EVENTS = 50;
const MAX_EVENTS = 500;

/** How many events to return: 50 unless asked, at most 500 (as every paged field of the hub). */
function eventCount(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_EVENTS;
  if (!Number.isInteger(first) || first < 0 || first > MAX_EVENTS) {
    throw new HubError(ErrorCode.BAD_USER_INPUT, `first must be between 0 and ${MAX_EVENTS}; got ${first}`);
  }
  return first;
}

/**
 * A person's access log across the hub, newest first: the hosting subgraph's own events and, fetched with the same
 * gateway-signed token, every peer's. An audit must be complete: a subgraph that cannot answer fails the field
 * instead of silently shortening the log.
 */
async function federatedAccessLog(self: string, peers: readonly AccessLogPeer[], subjectScope: SubjectScope, context: AccessLogContext, idNumber: string, first: number): Promise<AccessEvent[]> {
  const subject = personIdFor(idNumber, personIdSecret());
  // The auditor's own read is access to the subject too: logged under them, refused ones included. A subject outside the
  // jurisdiction and a number nobody has get the same answer, so the log is no oracle of who lives where.
  const scope = await subjectScope(context.em.getConnection(), subject);
  if (!scope || !inScope(context.identity, scope)) {
    context.audit.note(subject, ACCESS_LOG_READ.fieldClass, scope ? 'OUT_OF_JURISDICTION' : 'NOT_FOUND');
    throw new HubError(ErrorCode.OUT_OF_JURISDICTION, "No person with this ID number within your jurisdiction: an auditor reads the access log of the jurisdiction's residents only");
  }
  context.audit.note(subject, ACCESS_LOG_READ.fieldClass, 'CLEAR');
  const own = (await readAccessEvents(context.em.getConnection(), subject, first)).map((event) => ({ ...event, subgraph: self }));
  const others = await askPeers(peers, context, 'access-events', { subject, first: String(first) }, 5000, (name, body, failure) => {
    if (failure) throw new HubError(ErrorCode.SUBGRAPH_UNAVAILABLE, `The access log is incomplete: ${name} did not answer (${failure.message})`);
    return (body as Array<Omit<AccessEvent, 'subgraph'>>).map((event) => ({ ...event, subgraph: name }));
  });
  return [...own, ...others.flat()]
    .sort((a, b) => (a.at === b.at ? 0 : a.at < b.at ? 1 : -1))
    .slice(0, first)
    .map((event) => ({ ...event, subject: undefined }) as AccessEvent);
}

/**
 * The state of every department's access-log chain, the hosting subgraph's first: each subgraph walks its own log
 * (in parallel, in its own database). A department that does not answer is reported UNAVAILABLE, the others still are.
 */
async function accessLogIntegrity(self: string, peers: readonly AccessLogPeer[], context: AccessLogContext): Promise<ChainState[]> {
  const [own, others] = await Promise.all([
    accessLogChainState(context.em.getConnection(), departmentOf(self)),
    askPeers(peers, context, 'access-log-integrity', {}, INTEGRITY_PEER_TIMEOUT_MS, (name, body, failure) => {
      const state = body as ChainState | undefined;
      if (failure || !state || typeof state.status !== 'string') return unavailableChainState(departmentOf(name), failure?.message ?? 'unreadable answer');
      return { ...state, department: departmentOf(name) };
    }),
  ]);
  return [own, ...others];
}

/**
 * The root fields `accessLog` and `accessLogIntegrity`, for the one subgraph that hosts them (population): it
 * registers the returned resolver class and the fields' policy (ACCESS_LOG_FIELD_POLICY). `peers` is read once,
 * at start (accessLogPeers); `subjectScope` says where a log's subject lives (the host knows its residents).
 */
export function accessLogResolver(self: string, peers: readonly AccessLogPeer[], subjectScope: SubjectScope) {
  @Resolver()
  class AccessLogResolver {
    @Query(() => [AccessEvent], { description: "Who looked at this person, newest first, from every subgraph's access log (AUDIT only)" })
    async accessLog(@Ctx() context: AccessLogContext, @Arg('idNumber', () => String) idNumber: string, @Arg('first', () => Int, { nullable: true }) first?: number): Promise<AccessEvent[]> {
      return federatedAccessLog(self, peers, subjectScope, context, checkedIdNumber(idNumber), eventCount(first));
    }

    @Query(() => [AccessLogChainState], { description: "Whether every department's hash-chained access log is intact, each walked from its first row (ACCESS_AUDIT only; no personal data)" })
    async accessLogIntegrity(@Ctx() context: AccessLogContext): Promise<ChainState[]> {
      return accessLogIntegrity(self, peers, context);
    }
  }
  return AccessLogResolver;
}
