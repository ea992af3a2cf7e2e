'use strict';
/** The operations the scenarios send; always with variables, never literals. */

/** Owned by population alone: the gateway's plan is one fetch, so gateway and direct calls are the same work. */
const SINGLE_SUBGRAPH = 'query BenchPerson($id: String!) { person(idNumber: $id) { id name gender birthDate phone populationType } }';

/**
 * A person's cross-department record: population (person, household, residence id), housing (address, area,
 * owned dwellings), grid (the residence's grid), civil affairs (assistance, disability), public security
 * (floating registration, attention). Every field is CLEAR or MASKED for GRID / GRID_SERVICE.
 */
const CROSS_DEPARTMENT = `query BenchRecord($id: String!) {
  person(idNumber: $id) {
    id name idNumber gender birthDate phone populationType
    household { householdNumber }
    residence { address area grid { code name } }
    ownedDwellingCount
    receivesAssistance hasDisability
    floatingRegistration { inflowReason residenceType }
    needsAttention
  }
}`;

const SUBSISTENCE_CHECKS = `query BenchReview($ids: [ID!]!) {
  subsistenceChecks(applicationIds: $ids) {
    application { id } eligible reasons memberCount perCapitaMonthlyIncome ownedDwellingCount nonExemptVehicleCount
  }
}`;

const personCheck = (data) => (data && data.person && data.person.id ? undefined : `no person in ${JSON.stringify(data).slice(0, 120)}`);

function recordCheck(data) {
  const problem = personCheck(data);
  if (problem) return problem;
  const p = data.person;
  if (!p.residence || typeof p.residence.address !== 'string') return 'residence.address missing (housing)';
  if (typeof p.ownedDwellingCount !== 'number') return 'ownedDwellingCount missing (housing)';
  if (typeof p.receivesAssistance !== 'boolean') return 'receivesAssistance missing (civil-affairs)';
  if (typeof p.needsAttention !== 'boolean') return 'needsAttention missing (public-security)';
  return undefined;
}

/** `makeBody(i)` over a pool of ID numbers: request i asks for subject i mod n. Bodies are built once. */
function bodiesFor(query, idNumbers) {
  const bodies = idNumbers.map((id) => JSON.stringify({ query, variables: { id } }));
  return (i) => bodies[i % bodies.length];
}

module.exports = { SINGLE_SUBGRAPH, CROSS_DEPARTMENT, SUBSISTENCE_CHECKS, personCheck, recordCheck, bodiesFor };
