/**
 * 家庭经济状况核对: the verdict from the facts the departments supplied and the dated local rules.
 * Pure: no database, no clock — the caller passes both in, so the rules can be tested on their own.
 *
 * - Members (社会救助暂行办法 Art. 9 "共同生活的家庭成员"): the household's registered members who live with it
 *   and are alive. A registered member who has died is a reason (MEMBER_DECEASED: the 户籍 must be corrected
 *   before the household can be assessed), not a member.
 * - Income: the mean monthly total of the members' declared income over the latest `incomeMonths` declared
 *   months before the check's month (fewer when fewer were declared), divided by the members; eligible only when below the standard (Art. 9).
 * - Property: distinct dwellings owned by any registered member against the dwelling limit; non-exempt
 *   vehicles (残疾人功能性补偿代步机动车 are exempt, as public security classifies them) against the vehicle rule.
 * - A fact a department did not supply (denied, or the department was down) makes the verdict incomplete:
 *   FACTS_UNAVAILABLE_<DEPARTMENT>, never eligible.
 */

export const REASONS = ['MEMBER_DECEASED', 'INCOME_ABOVE_STANDARD', 'EXCESS_DWELLINGS', 'NON_EXEMPT_VEHICLE'] as const;
export type IneligibilityReason = (typeof REASONS)[number];
/** Not a finding about the household: the check could not be completed (or not run at all). */
export type IncompleteReason = 'CASE_NOT_OPEN' | 'NO_LIVING_MEMBERS' | 'FACTS_UNAVAILABLE_POPULATION' | 'FACTS_UNAVAILABLE_HOUSING' | 'FACTS_UNAVAILABLE_PUBLIC_SECURITY';

export interface SubsistenceRules {
  regionCode: string;
  effectiveFrom: string;
  standardMonthly: number;
  dwellingLimit: number;
  vehicleRule: string;
  incomeMonths: number;
  version: string;
}

/** One registered member's facts as the gateway brought them (null: that department did not answer). */
export interface MemberFacts {
  personId: string;
  relationToHead: string | null;
  livesWithHousehold: boolean | null;
  deathDate: string | null;
  ownedDwellingIds: string[] | null;
  nonExemptVehicleCount: number | null;
}

export interface DeclaredIncome {
  personId: string;
  /** YYYY-MM-01 */
  monthStart: string;
  amount: number;
}

export interface FactProvenance {
  fact: string;
  department: 'POPULATION' | 'HOUSING' | 'PUBLIC_SECURITY' | 'CIVIL_AFFAIRS';
  /** The record or field the fact came from. */
  source: string;
  /** When the department supplied it (the check's time) or the period it covers. */
  asOf: string;
  value: string;
}

export interface SubsistenceVerdict {
  eligible: boolean;
  reasons: string[];
  memberCount: number;
  perCapitaMonthlyIncome: number;
  standardMonthly: number;
  ownedDwellingCount: number;
  nonExemptVehicleCount: number;
  incomeMonths: string[];
  ruleVersion: string;
  members: Array<MemberFacts & { counted: boolean; monthlyIncome: number }>;
  provenance: FactProvenance[];
}

/** 元 to the fen, as the verdict and the benefits it decides use them. */
export const round2 = (value: number): number => Math.round(value * 100) / 100;

/** The latest `count` months with any declaration, before the check's month, newest first. */
function incomeWindow(incomes: DeclaredIncome[], count: number, checkedOn: string): string[] {
  const thisMonth = `${checkedOn.slice(0, 7)}-01`;
  const months = [...new Set(incomes.map((income) => income.monthStart).filter((month) => month < thisMonth))].sort().reverse();
  return months.slice(0, count);
}

export function decideSubsistence(input: {
  members: MemberFacts[] | null;
  incomes: DeclaredIncome[];
  rules: SubsistenceRules;
  /** ISO time of the check (recorded as the facts' as-of). */
  checkedAt: string;
  /** The check's date in China (YYYY-MM-DD): it decides the income window. */
  checkedOn: string;
}): SubsistenceVerdict {
  const { rules, checkedAt } = input;
  const registered = input.members ?? [];
  const reasons: string[] = [];
  const provenance: FactProvenance[] = [];
  const note = (fact: string, department: FactProvenance['department'], source: string, value: unknown, asOf = checkedAt) => provenance.push({ fact, department, source, asOf, value: String(value) });

  if (input.members === null) reasons.push('FACTS_UNAVAILABLE_POPULATION');
  note('registeredMembers', 'POPULATION', 'Household.members', input.members === null ? 'unavailable' : registered.length);

  const deceased = registered.filter((m) => m.deathDate);
  if (deceased.length) reasons.push('MEMBER_DECEASED');
  for (const m of deceased) note('deathDate', 'POPULATION', `Person ${m.personId}`, m.deathDate);
  const counted = registered.filter((m) => !m.deathDate && m.livesWithHousehold !== false);
  const countedIds = new Set(counted.map((m) => m.personId));
  if (input.members !== null && counted.length === 0) reasons.push('NO_LIVING_MEMBERS');

  const window = incomeWindow(
    input.incomes.filter((income) => countedIds.has(income.personId)),
    rules.incomeMonths,
    input.checkedOn,
  );
  const inWindow = new Set(window);
  const incomeOf = new Map<string, number>();
  for (const income of input.incomes) {
    if (!countedIds.has(income.personId) || !inWindow.has(income.monthStart)) continue;
    incomeOf.set(income.personId, (incomeOf.get(income.personId) ?? 0) + Math.max(0, income.amount));
  }
  const months = Math.max(1, window.length);
  const totalMonthly = [...incomeOf.values()].reduce((sum, amount) => sum + amount, 0) / months;
  const perCapita = counted.length ? round2(totalMonthly / counted.length) : 0;
  const period = window.length ? `${window[window.length - 1].slice(0, 7)}..${window[0].slice(0, 7)}` : 'none declared';
  note('householdMonthlyIncome', 'CIVIL_AFFAIRS', 'income_declaration', round2(totalMonthly), period);
  if (counted.length && perCapita >= rules.standardMonthly) reasons.push('INCOME_ABOVE_STANDARD');

  let dwellings: Set<string> | null = new Set();
  for (const m of registered) {
    if (m.ownedDwellingIds === null) dwellings = null;
    else if (dwellings) for (const id of m.ownedDwellingIds) dwellings.add(id);
  }
  if (dwellings === null && input.members !== null) reasons.push('FACTS_UNAVAILABLE_HOUSING');
  note('ownedDwellings', 'HOUSING', 'Person.ownedDwellings', dwellings === null ? 'unavailable' : [...dwellings].join(' ') || 'none');
  if (dwellings && dwellings.size > rules.dwellingLimit) reasons.push('EXCESS_DWELLINGS');

  let vehicles: number | null = 0;
  for (const m of registered) vehicles = m.nonExemptVehicleCount === null || vehicles === null ? null : vehicles + m.nonExemptVehicleCount;
  if (vehicles === null && input.members !== null) reasons.push('FACTS_UNAVAILABLE_PUBLIC_SECURITY');
  note('nonExemptVehicles', 'PUBLIC_SECURITY', 'Person.nonExemptVehicleCount', vehicles ?? 'unavailable');
  if (rules.vehicleRule === 'NO_NON_EXEMPT_VEHICLE' && vehicles) reasons.push('NON_EXEMPT_VEHICLE');

  note('standardMonthly', 'CIVIL_AFFAIRS', `subsistence_standard ${rules.version}`, rules.standardMonthly, rules.effectiveFrom);
  return {
    eligible: reasons.length === 0,
    reasons,
    memberCount: counted.length,
    perCapitaMonthlyIncome: perCapita,
    standardMonthly: rules.standardMonthly,
    ownedDwellingCount: dwellings?.size ?? 0,
    nonExemptVehicleCount: vehicles ?? 0,
    incomeMonths: window.map((month) => month.slice(0, 7)).reverse(),
    ruleVersion: rules.version,
    members: registered.map((m) => ({ ...m, counted: countedIds.has(m.personId), monthlyIncome: round2((incomeOf.get(m.personId) ?? 0) / months) })),
    provenance,
  };
}

/**
 * The code prefix a GB/T 2260 region code stands for: a province (`120000`) covers `12…`, a prefecture-level
 * city (`120100`) covers `1201…`; county and finer codes stand for themselves.
 */
export function regionPrefix(code: string): string {
  if (code.length === 6 && code.endsWith('0000')) return code.slice(0, 2);
  if (code.length === 6 && code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** The rules in force on `day` for a record in `regionCode` (the most specific region, then the latest effective date). */
export function rulesOn<T extends SubsistenceRules>(all: T[], regionCode: string, day: string): T | undefined {
  return all
    .filter((rules) => regionCode.startsWith(regionPrefix(rules.regionCode)) && rules.effectiveFrom <= day)
    .sort((a, b) => regionPrefix(b.regionCode).length - regionPrefix(a.regionCode).length || (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
}
