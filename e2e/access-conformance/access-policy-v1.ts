/**
 * The table of ACCESS-POLICY.md v1, cell for cell, as the requirement the departments' `policy.ts` files must
 * implement. Letters in the table's column order: POP, HOUSING, CIVIL (SUBSISTENCE_REVIEW), PS floating,
 * PS case, GRID, AUDIT; C clear, M masked, X denied. Rows naming several fields are spelled out field by field.
 * Fields not in the table follow "the closest row of the same owner and sensitivity" in each policy.ts.
 */
export const ACCESS_POLICY_V1: Readonly<Record<string, { owner: string; letters: string }>> = {
  'Person.name': { owner: 'population', letters: 'C C C C C C M' },
  'Person.idNumber': { owner: 'population', letters: 'C M C C C M M' },
  'Person.phone': { owner: 'population', letters: 'C M C C C C X' },
  'Person.gender': { owner: 'population', letters: 'C C C C C C X' },
  // The table's row says CLEAR; its masking formats say "wherever the ID number is MASKED, birthDate is year only".
  'Person.birthDate': { owner: 'population', letters: 'C M C C C M X' },
  'Person.populationType': { owner: 'population', letters: 'C C C C C C X' },
  'Person.household': { owner: 'population', letters: 'C X C C C C X' },
  'Household.members': { owner: 'population', letters: 'C X C C C C X' },
  // "Person.residence (dwelling + address)": the reference in population, the address in housing.
  'Person.residence': { owner: 'population', letters: 'C C C C C C X' },
  'Dwelling.address': { owner: 'housing', letters: 'C C C C C C X' },
  'Person.ownedDwellings': { owner: 'housing', letters: 'X C C X C X X' },
  'Person.ownedDwellingCount': { owner: 'housing', letters: 'X C C X C C X' },
  'Dwelling.tenancies': { owner: 'housing', letters: 'X C X C C C X' },
  'Person.assistance': { owner: 'civil-affairs', letters: 'X X C X X X X' },
  'Person.receivesAssistance': { owner: 'civil-affairs', letters: 'X X C X X C X' },
  'Person.disability': { owner: 'civil-affairs', letters: 'X X C X X X X' },
  'Person.hasDisability': { owner: 'civil-affairs', letters: 'X X C X X C X' },
  'Person.vehicles': { owner: 'public-security', letters: 'X X X X C X X' },
  'Person.nonExemptVehicleCount': { owner: 'public-security', letters: 'X X C X C X X' },
  'Person.floatingRegistration': { owner: 'public-security', letters: 'C X X C C C X' },
  'Person.keyPerson': { owner: 'public-security', letters: 'X X X X C X X' },
  'Person.needsAttention': { owner: 'public-security', letters: 'X X X C C C X' },
  'Person.grid': { owner: 'grid', letters: 'C C C C C C X' },
  'Dwelling.grid': { owner: 'grid', letters: 'C C C C C C X' },
  // "access log (who looked at whom) [every subgraph]": served by population's accessLog.
  'Query.accessLog': { owner: 'population', letters: 'X X X X X X C' },
  // Not a row of the table: whether each department's log is intact (no personal data) — the auditors' business, as the log is.
  'Query.accessLogIntegrity': { owner: 'population', letters: 'X X X X X X C' },
};
