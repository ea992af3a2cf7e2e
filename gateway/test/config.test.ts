import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repositoryRoot } from '@hub/access';
import { ConfigError, loadConfig } from '../src/config';

const SUPERGRAPH = join(repositoryRoot(), 'schema', 'supergraph.graphql');

describe('gateway configuration', () => {
  it('works with no environment at all', () => {
    expect(loadConfig({})).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      supergraphPath: SUPERGRAPH,
      subgraphUrls: {},
      nodeEnv: 'development',
      production: false,
      explorer: true,
      rateLimitPerMinute: 1200,
      unauthenticatedRateLimitPerMinute: 300,
      redisUrl: undefined,
      rateLimitKeyPrefix: 'gridhub:rate',
      persistedOperationsPath: undefined,
    });
  });

  it('reads the subgraph url overrides and NODE_ENV', () => {
    const config = loadConfig({ PORT: '0', SUBGRAPH_URL_CIVIL_AFFAIRS: 'http://10.0.0.3:4003/graphql', NODE_ENV: 'production' });
    expect(config).toMatchObject({ port: 0, subgraphUrls: { 'civil-affairs': 'http://10.0.0.3:4003/graphql' }, production: true });
  });

  it.each([
    [{ PORT: 'eighty' }, /^PORT must be a port number/],
    [{ PORT: '70000' }, /^PORT must be a port number/],
    [{ HOST: 'http://x' }, /^HOST must be/],
    [{ SUPERGRAPH_PATH: '/nowhere/supergraph.graphql' }, /^SUPERGRAPH_PATH .* does not exist; run `npm run compose`/],
    [{ SUBGRAPH_URL_PUBLIC_SECURITY: 'not a url' }, /^SUBGRAPH_URL_PUBLIC_SECURITY must be an http\(s\) URL/],
    [{ SUBGRAPH_URL_GRID: 'ftp://127.0.0.1/graphql' }, /^SUBGRAPH_URL_GRID must use http or https/],
    [{ SUBGRAPH_TIMEOUT_MS: 'soon' }, /^SUBGRAPH_TIMEOUT_MS must be a whole number/],
    [{ RATE_LIMIT_PER_MINUTE: '-1' }, /^RATE_LIMIT_PER_MINUTE must be a whole number/],
    [{ REDIS_URL: 'http://127.0.0.1:6379' }, /^REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/],
    [{ PERSISTED_OPERATIONS_PATH: '/nowhere/operations.json' }, /^PERSISTED_OPERATIONS_PATH .* is not a file/],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('stops the process with exit 2 on a bad value', () => {
    const run = spawnSync(process.execPath, [join(__dirname, '..', 'dist', 'index.js')], { encoding: 'utf8', env: { ...process.env, PORT: 'abc' } });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^gateway: PORT must be a port number from 0 to 65535; got "abc"/);
  });
});
