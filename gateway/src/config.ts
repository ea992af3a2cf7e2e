import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repositoryRoot } from '@hub/access';
import type { ResilienceOptions } from './subgraph-data-source';
import type { QueryLimits } from './limits/query-limits';
import { GATEWAY_DEFAULT_PORT, SUBGRAPHS, subgraphUrlVariable } from '@hub/topology';
import { ConfigError, SENTENCE, envVar, httpUrl, parseEnv, portNumber, wholeNumber, z } from '@hub/http';

export interface GatewayConfig {
  port: number;
  host: string;
  supergraphPath: string;
  /** Subgraph name → url, only for the subgraphs whose SUBGRAPH_URL_<NAME> is set; others use the supergraph's url. */
  subgraphUrls: Record<string, string>;
  nodeEnv: string;
  production: boolean;
  resilience: ResilienceOptions;
  limits: QueryLimits;
  /** Requests per minute per user (JWT `sub`); 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** Requests per minute per client address that carry no valid token (refused as UNAUTHENTICATED) or sign in at /auth/*; 0 turns it off. */
  unauthenticatedRateLimitPerMinute: number;
  /** Redis shared by the gateway replicas for the rate limits; unset: each process counts alone. */
  redisUrl: string | undefined;
  /** Prefix of the rate limits' Redis keys (two deployments on one Redis keep apart). */
  rateLimitKeyPrefix: string;
  /** A header the proxy in front sets to the client's address (e.g. x-forwarded-for; its last entry is used); unset: the connection's address. */
  clientAddressHeader: string | undefined;
  /** A JSON file of sha256 → query; when set, only those operations are accepted. */
  persistedOperationsPath: string | undefined;
  /** GraphiQL at GET /graphql and /explorer; never in production. */
  explorer: boolean;
  /** The built staff console served at / (console/dist). */
  consoleDir: string;
  /** Production sign-in: the identity provider's login page, which sends the user back to /#id_token=<jwt>. */
  identityProviderLoginUrl: string | undefined;
}

export { ConfigError };

/** A path given by `variable` (or its default) that must be an existing file. */
function existingFile(variable: string, fallback: () => string, missing: string) {
  return envVar(z.string().optional()).transform((raw, ctx) => {
    const path = raw ? resolve(raw) : fallback();
    const origin = raw ? variable : `the default ${variable}`;
    if (!existsSync(path)) ctx.addIssue({ code: 'custom', message: `${origin} ${path} ${missing}`, params: SENTENCE });
    else if (!statSync(path).isFile()) ctx.addIssue({ code: 'custom', message: `${origin} ${path} is not a file`, params: SENTENCE });
    return path;
  });
}

const subgraphUrlVariables = Object.fromEntries(
  SUBGRAPHS.map(({ name }) => [subgraphUrlVariable(name), envVar(httpUrl('must be an http(s) URL such as http://127.0.0.1:4001/graphql', 'must use http or https').optional())]),
);

const gatewayEnv = z.object({
  PORT: portNumber(GATEWAY_DEFAULT_PORT),
  HOST: envVar(
    z
      .string()
      .regex(/^[^\s/]+$/, 'must be a host name or IP address to listen on')
      .default('127.0.0.1'),
  ),
  SUPERGRAPH_PATH: existingFile('SUPERGRAPH_PATH', () => join(repositoryRoot(), 'schema', 'supergraph.graphql'), 'does not exist; run `npm run compose` to generate it'),
  ...subgraphUrlVariables,
  NODE_ENV: envVar(z.string().default('development')),
  SUBGRAPH_TIMEOUT_MS: wholeNumber(10_000, 50, 600_000),
  SUBGRAPH_MAX_SOCKETS: wholeNumber(64, 1, 10_000),
  BREAKER_THRESHOLD: wholeNumber(5, 1, 1000),
  BREAKER_COOLDOWN_MS: wholeNumber(3000, 100, 600_000),
  MAX_QUERY_DEPTH: wholeNumber(15, 1, 1000),
  MAX_QUERY_ALIASES: wholeNumber(50, 0, 100_000),
  MAX_QUERY_TOKENS: wholeNumber(10_000, 10, 1_000_000),
  MAX_QUERY_COST: wholeNumber(100_000, 1, 100_000_000),
  RATE_LIMIT_PER_MINUTE: wholeNumber(1200, 0, 10_000_000),
  UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE: wholeNumber(300, 0, 10_000_000),
  REDIS_URL: envVar(
    z
      .string()
      .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379')
      .optional(),
  ),
  RATE_LIMIT_KEY_PREFIX: envVar(
    z
      .string()
      .regex(/^[\w:.-]+$/, 'must be letters, digits and _ : . -')
      .default('gridhub:rate'),
  ),
  CLIENT_ADDRESS_HEADER: envVar(
    z
      .string()
      .regex(/^[a-z0-9-]+$/i, 'must be a header name such as x-forwarded-for')
      .optional(),
  ),
  PERSISTED_OPERATIONS_PATH: envVar(z.string().optional()).transform((raw, ctx) => {
    if (!raw) return undefined;
    const path = resolve(raw);
    if (!existsSync(path) || !statSync(path).isFile()) ctx.addIssue({ code: 'custom', message: `PERSISTED_OPERATIONS_PATH ${path} is not a file`, params: SENTENCE });
    return path;
  }),
  CONSOLE_DIR: envVar(z.string().optional()).transform((raw) => (raw ? resolve(raw) : join(repositoryRoot(), 'console', 'dist'))),
  CONSOLE_IDP_LOGIN_URL: envVar(httpUrl("must be an https URL of the identity provider's login page", 'must use https').optional()),
});

/** Reads and validates the gateway's environment once, at start. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const vars = parseEnv(gatewayEnv, env);
  const subgraphUrls: Record<string, string> = {};
  for (const { name } of SUBGRAPHS) {
    const url = (vars as Record<string, unknown>)[subgraphUrlVariable(name)];
    if (typeof url === 'string') subgraphUrls[name] = url;
  }
  return {
    port: vars.PORT,
    host: vars.HOST,
    supergraphPath: vars.SUPERGRAPH_PATH,
    subgraphUrls,
    nodeEnv: vars.NODE_ENV,
    production: vars.NODE_ENV === 'production',
    resilience: {
      timeoutMs: vars.SUBGRAPH_TIMEOUT_MS,
      maxSockets: vars.SUBGRAPH_MAX_SOCKETS,
      breakerThreshold: vars.BREAKER_THRESHOLD,
      breakerCooldownMs: vars.BREAKER_COOLDOWN_MS,
    },
    limits: {
      maxDepth: vars.MAX_QUERY_DEPTH,
      maxAliases: vars.MAX_QUERY_ALIASES,
      maxTokens: vars.MAX_QUERY_TOKENS,
      maxCost: vars.MAX_QUERY_COST,
    },
    rateLimitPerMinute: vars.RATE_LIMIT_PER_MINUTE,
    unauthenticatedRateLimitPerMinute: vars.UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE,
    redisUrl: vars.REDIS_URL,
    rateLimitKeyPrefix: vars.RATE_LIMIT_KEY_PREFIX,
    clientAddressHeader: vars.CLIENT_ADDRESS_HEADER?.toLowerCase(),
    persistedOperationsPath: vars.PERSISTED_OPERATIONS_PATH,
    explorer: vars.NODE_ENV !== 'production',
    consoleDir: vars.CONSOLE_DIR,
    identityProviderLoginUrl: vars.CONSOLE_IDP_LOGIN_URL,
  };
}
