'use strict';
// The per-request CPU of ADR 0016's internal tokens: sign, verify + digest check, the digest alone, and a token with onward
// tokens (accessLog). Run after the build: node bench/internal-token-cost.js
const { generateKeyPairSync } = require('node:crypto');
const a = require('@hub/access');
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const identity = { sub: 'u', name: '测试', dept: 'GRID', role: 'OFFICER', jurisdiction: '120112', purpose: 'GRID_SERVICE', requestId: 'r1' };
const body = JSON.stringify({
  query: 'query Q__housing__1($representations:[_Any!]!){_entities(representations:$representations){...on Person{ownedDwellingCount}}}',
  variables: { representations: Array.from({ length: 50 }, (_, i) => ({ __typename: 'Person', id: `p-${i}`, accessScope: '120112100001001|H1' })) },
});
(async () => {
  const N = 5000;
  for (let i = 0; i < 500; i++) await a.signInternalToken(privateKey, identity, { subgraph: 'housing', bound: body });
  let t = process.hrtime.bigint();
  const tokens = [];
  for (let i = 0; i < N; i++) tokens.push(await a.signInternalToken(privateKey, identity, { subgraph: 'housing', bound: body }));
  const sign = Number(process.hrtime.bigint() - t) / 1e3 / N;
  t = process.hrtime.bigint();
  for (const token of tokens) {
    const v = await a.verifyInternalToken(publicKey, token, 'housing');
    a.checkInternalRequest(v, { route: 'graphql', bound: body });
  }
  const verify = Number(process.hrtime.bigint() - t) / 1e3 / N;
  t = process.hrtime.bigint();
  for (let i = 0; i < N; i++) a.requestDigest(body);
  const digest = Number(process.hrtime.bigint() - t) / 1e3 / N;
  const log = JSON.stringify({ query: 'query ($id: String!) { accessLog(idNumber: $id, first: 1) { at } }', variables: { id: 'x' } });
  t = process.hrtime.bigint();
  for (let i = 0; i < 500; i++) await a.signInternalToken(privateKey, identity, { subgraph: 'population', bound: log });
  const onward = Number(process.hrtime.bigint() - t) / 1e3 / 500;
  console.log(
    JSON.stringify({
      node: process.version,
      bodyBytes: Buffer.byteLength(body),
      tokenBytes: tokens[0].length,
      signUs: sign.toFixed(1),
      verifyAndCheckUs: verify.toFixed(1),
      digestUs: digest.toFixed(2),
      accessLogSignWith4OnwardUs: onward.toFixed(1),
      accessLogTokenBytes: (await a.signInternalToken(privateKey, identity, { subgraph: 'population', bound: log })).length,
    }),
  );
})();
