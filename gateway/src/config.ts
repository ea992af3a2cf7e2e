import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repositoryRoot } from '@hub/access';
import type { ResilienceOptions } from './subgraph-data-source';
import type { QueryLimits } from './limits/query-limits';
import { GATEWAY_DEFAULT_PORT, SUBGRAPHS, subgraphUrlVariable } from '@hub/stack';

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
  /** A JSON file of sha256 → query; when set, only those operations are accepted. */
  persistedOperationsPath: string | undefined;
  /** GraphiQL at GET /graphql and /explorer; never in production. */
  explorer: boolean;
  /** The built staff console served at / (console/dist). */
  consoleDir: string;
  /** Production sign-in: the identity provider's login page, which sends the user back to /#id_token=<jwt>. */
  identityProviderLoginUrl: string | undefined;
}

/** A bad environment value; the message names the variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function port(env: NodeJS.ProcessEnv): number {
  const raw = env.PORT?.trim();
  if (!raw) return GATEWAY_DEFAULT_PORT;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isInteger(value) || value > 65535) {
    throw new ConfigError(`PORT must be a port number from 0 to 65535; got "${env.PORT}"`);
  }
  return value;
}

function host(env: NodeJS.ProcessEnv): string {
  const raw = env.HOST?.trim();
  if (!raw) return '127.0.0.1';
  if (/[\s/]/.test(raw)) throw new ConfigError(`HOST must be a host name or IP address to listen on; got "${env.HOST}"`);
  return raw;
}

function supergraphPath(env: NodeJS.ProcessEnv): string {
  const raw = env.SUPERGRAPH_PATH?.trim();
  const path = raw ? resolve(raw) : join(repositoryRoot(), 'schema', 'supergraph.graphql');
  const origin = raw ? 'SUPERGRAPH_PATH' : 'the default SUPERGRAPH_PATH';
  if (!existsSync(path)) throw new ConfigError(`${origin} ${path} does not exist; run \`npm run compose\` to generate it`);
  if (!statSync(path).isFile()) throw new ConfigError(`${origin} ${path} is not a file`);
  return path;
}

function subgraphUrls(env: NodeJS.ProcessEnv): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const { name } of SUBGRAPHS) {
    const variable = subgraphUrlVariable(name);
    const raw = env[variable]?.trim();
    if (!raw) continue;
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new ConfigError(`${variable} must be an http(s) URL such as http://127.0.0.1:4001/graphql; got "${env[variable]}"`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new ConfigError(`${variable} must use http or https; got "${env[variable]}"`);
    }
    urls[name] = url.toString();
  }
  return urls;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; got "${env[name]}"`);
  }
  return value;
}

function consoleDir(env: NodeJS.ProcessEnv): string {
  const raw = env.CONSOLE_DIR?.trim();
  return raw ? resolve(raw) : join(repositoryRoot(), 'console', 'dist');
}

function identityProviderLoginUrl(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.CONSOLE_IDP_LOGIN_URL?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`CONSOLE_IDP_LOGIN_URL must be an https URL of the identity provider's login page; got "${env.CONSOLE_IDP_LOGIN_URL}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(`CONSOLE_IDP_LOGIN_URL must use https; got "${env.CONSOLE_IDP_LOGIN_URL}"`);
  return url.toString();
}

function persistedOperationsPath(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.PERSISTED_OPERATIONS_PATH?.trim();
  if (!raw) return undefined;
  const path = resolve(raw);
  if (!existsSync(path) || !statSync(path).isFile()) throw new ConfigError(`PERSISTED_OPERATIONS_PATH ${path} is not a file`);
  return path;
}

/** Reads and validates the gateway's environment once, at start. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const nodeEnv = env.NODE_ENV?.trim() || 'development';
  return {
    port: port(env),
    host: host(env),
    supergraphPath: supergraphPath(env),
    subgraphUrls: subgraphUrls(env),
    nodeEnv,
    production: nodeEnv === 'production',
    resilience: {
      timeoutMs: integer(env, 'SUBGRAPH_TIMEOUT_MS', 10_000, 50, 600_000),
      maxSockets: integer(env, 'SUBGRAPH_MAX_SOCKETS', 64, 1, 10_000),
      breakerThreshold: integer(env, 'BREAKER_THRESHOLD', 5, 1, 1000),
      breakerCooldownMs: integer(env, 'BREAKER_COOLDOWN_MS', 3000, 100, 600_000),
    },
    limits: {
      maxDepth: integer(env, 'MAX_QUERY_DEPTH', 15, 1, 1000),
      maxAliases: integer(env, 'MAX_QUERY_ALIASES', 50, 0, 100_000),
      maxTokens: integer(env, 'MAX_QUERY_TOKENS', 10_000, 10, 1_000_000),
      maxCost: integer(env, 'MAX_QUERY_COST', 100_000, 1, 100_000_000),
    },
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 1200, 0, 10_000_000),
    persistedOperationsPath: persistedOperationsPath(env),
    explorer: nodeEnv !== 'production',
    consoleDir: consoleDir(env),
    identityProviderLoginUrl: identityProviderLoginUrl(env),
  };
}
