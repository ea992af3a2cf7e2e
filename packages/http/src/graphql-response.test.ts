import { Agent } from 'node:http';
import { ApolloServer } from '@apollo/server';
import nodeFetch from 'node-fetch';
import { createMetricsRegistry, openFrontDoor, type RunningFrontDoor } from './front-door';
import { handleGraphQL } from './http-server';

// The gateway reads the subgraphs' answers with node-fetch over a keep-alive agent with a socket limit. node-fetch 2
// can misread the end of a chunked answer on a reused socket with requests queued behind it as "Premature close"
// (node-fetch/node-fetch#1767); a complete GraphQL answer is therefore sent with its length, never chunked.
let door: RunningFrontDoor;
let apollo: ApolloServer;
let url: string;

beforeAll(async () => {
  apollo = new ApolloServer({ typeDefs: 'type Query { echo(text: String!): String! }', resolvers: { Query: { echo: (_: unknown, { text }: { text: string }) => text } } });
  await apollo.start();
  door = await openFrontDoor(
    {
      liveness: {},
      readiness: async () => ({ ready: true, body: {} }),
      metrics: createMetricsRegistry('graphql_response_test_', { service: 'test' }),
      unexpected: () => ({ status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'Internal error' }),
      log: { error: () => {} },
      handle: async ({ req, res, path }) => {
        if (path !== '/graphql') return false;
        await handleGraphQL(apollo, req, res, { createContext: async () => ({}) });
        return true;
      },
    },
    0,
    '127.0.0.1',
  );
  url = `http://127.0.0.1:${door.port}/graphql`;
});

afterAll(async () => {
  await door.stop(100);
  await apollo.stop();
});

it('sends a complete answer with its Content-Length, not chunked', async () => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ echo(text: "网格") }' }) });
  const text = await response.text();
  expect(JSON.parse(text)).toEqual({ data: { echo: '网格' } });
  expect(response.headers.get('transfer-encoding')).toBeNull();
  expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(text));
});

it('answers hundreds of requests queued on two keep-alive sockets, every one read in full by node-fetch', async () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 2 });
  try {
    const texts = Array.from({ length: 300 }, (_, i) => `${i}-${'x'.repeat(i % 97)}`);
    const answers = await Promise.all(
      texts.map(async (text) => {
        const response = await nodeFetch(url, {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: 'query($t: String!) { echo(text: $t) }', variables: { t: text } }),
        });
        return ((await response.json()) as { data: { echo: string } }).data.echo;
      }),
    );
    expect(answers).toEqual(texts);
  } finally {
    agent.destroy();
  }
});
