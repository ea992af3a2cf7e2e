import { generateKeyPairSync } from 'node:crypto';
import { APPLICANT_HOUSEHOLD_QUERY, onwardCallsOf } from './internal-requests';
import { checkInternalRequest, signInternalToken, verifyInternalToken } from './tokens';
import type { RequestIdentity } from './identity';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const identity: RequestIdentity = { sub: 'u1', name: '测试', dept: 'CIVIL_AFFAIRS', role: 'OFFICER', jurisdiction: '120112', purpose: 'SUBSISTENCE_REVIEW', requestId: 'req-1' };
const body = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });

it('grants onward calls only for the root fields that make them, once per time the field is asked for', () => {
  expect(onwardCallsOf('population', body('{ a: accessLog(idNumber: "x") { at } b: accessLog(idNumber: "y") { at } }')).map((c) => `${c.peer} ${c.route} ${c.uses}`)).toEqual([
    'housing access-events 2',
    'civil-affairs access-events 2',
    'public-security access-events 2',
    'grid access-events 2',
  ]);
  expect(onwardCallsOf('population', body('{ person(idNumber: "accessLog") { name } }'))).toEqual([]);
  expect(onwardCallsOf('housing', body('{ accessLog(idNumber: "x") { at } }'))).toEqual([]);
  expect(onwardCallsOf('civil-affairs', body('mutation { openAssistanceApplication(idNumber: "x", authorizationOnFile: true) { id } }'))).toEqual([
    { peer: 'population', route: 'graphql', document: APPLICANT_HOUSEHOLD_QUERY, uses: 1 },
  ]);
});

it('verifies a token for its own subgraph only, and for the exact request it was signed for', async () => {
  const sent = body('{ people { totalCount } }');
  const token = await signInternalToken(privateKey, identity, { subgraph: 'population', bound: sent });
  await expect(verifyInternalToken(publicKey, token, 'housing')).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/aud/) });
  const verified = await verifyInternalToken(publicKey, token, 'population');
  expect(verified.identity).toEqual(identity);
  expect(() => checkInternalRequest(verified, { route: 'graphql', bound: sent })).not.toThrow();
  expect(() => checkInternalRequest(verified, { route: 'graphql', bound: body('{ people { totalCount } }', { x: 1 }) })).toThrow(/bound to another request/);
});

it("lets civil affairs' onward token ask population its one document only, with any variables", async () => {
  const mutation = body('mutation { openAssistanceApplication(idNumber: "x", authorizationOnFile: true) { id } }');
  const civil = await verifyInternalToken(publicKey, await signInternalToken(privateKey, identity, { subgraph: 'civil-affairs', bound: mutation }), 'civil-affairs');
  const onward = await verifyInternalToken(publicKey, civil.onward.population.graphql, 'population');
  expect(onward.identity).toEqual(identity);
  expect(() => checkInternalRequest(onward, { route: 'graphql', bound: body(APPLICANT_HOUSEHOLD_QUERY, { idNumber: '120112' }) })).not.toThrow();
  expect(() => checkInternalRequest(onward, { route: 'graphql', bound: body('{ people { nodes { name } } }') })).toThrow(/another GraphQL document/);
  expect(() => checkInternalRequest(onward, { route: 'access-events', bound: '/internal/access-events' })).toThrow(/for graphql, not access-events/);
});

it("lets the grid's boundary change reach housing's, population's and public security's grid-assignment route only, via grid", async () => {
  const supervisor: RequestIdentity = { ...identity, dept: 'GRID', role: 'SUPERVISOR', purpose: 'GRID_SERVICE' };
  const mutation = body('mutation($i: AssignDwellingsToGridInput!) { assignDwellingsToGrid(input: $i) { gridCode } }', { i: {} });
  expect(onwardCallsOf('grid', mutation).map((c) => `${c.peer} ${c.route} ${c.uses}`)).toEqual(['housing grid-assignment 1', 'population grid-assignment 1', 'public-security grid-assignment 1']);
  expect(onwardCallsOf('grid', body('mutation { assignGridWorker(input: {}) { id } }'))).toEqual([]);
  const grid = await verifyInternalToken(publicKey, await signInternalToken(privateKey, supervisor, { subgraph: 'grid', bound: mutation }), 'grid');
  const housing = await verifyInternalToken(publicKey, grid.onward.housing['grid-assignment'], 'housing');
  expect(housing.binding).toMatchObject({ via: 'grid', route: 'grid-assignment' });
  expect(() => checkInternalRequest(housing, { route: 'grid-assignment', bound: '{"dwellingIds":["D1"]}' })).not.toThrow();
  expect(() => checkInternalRequest(housing, { route: 'graphql', bound: body('{ dwelling(id: "D1") { address } }') })).toThrow(/for grid-assignment, not graphql/);
  await expect(verifyInternalToken(publicKey, grid.onward.housing['grid-assignment'], 'population')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
});
