/**
 * The generator on its own (no database): determinism, valid identifiers, the shape of the district, and
 * planted cases that really are what the manifest says they are — re-derived from the rows.
 */
import { createHash } from 'node:crypto';
import { KEY_PERSON_CATEGORY, ORIGIN_COUNTIES, parseIdNumber, STREETS } from '@hub/domain';
import { addYears, formatDay, INCOME_MONTHS, parseDay, SEED_TODAY, TODAY } from '../src/dates';
import { createDistrict, generateDistrict, type GeneratedDistrict } from '../src/generate-district';
import { CURRENT_STANDARD } from '../src/standards';
import { TABLE_KEYS, type Row } from '../src/tables';

function fingerprint(district: GeneratedDistrict): string {
  const hash = createHash('sha256');
  for (const key of TABLE_KEYS) hash.update(key).update(JSON.stringify(district.tables[key]));
  return hash.digest('hex');
}

function groupBy<T>(rows: T[], key: (row: T) => string | null): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

let small: GeneratedDistrict;
let large: GeneratedDistrict;

beforeAll(() => {
  small = generateDistrict({ residents: 2000, seed: 20261125 });
  large = generateDistrict({ residents: 20000, seed: 20261125 });
});

describe('determinism', () => {
  it('gives identical rows and manifest for the same residents and seed', () => {
    const again = generateDistrict({ residents: 2000, seed: 20261125 });
    expect(fingerprint(again)).toBe(fingerprint(small));
    expect(JSON.stringify(again.planted)).toBe(JSON.stringify(small.planted));
  });

  it('gives different rows for a different seed', () => {
    const other = generateDistrict({ residents: 2000, seed: 7 });
    expect(fingerprint(other)).not.toBe(fingerprint(small));
    expect(other.tables.person[0].id_number).not.toBe(small.tables.person[0].id_number);
  });

  it('streams, grid by grid, the same rows it materialises', () => {
    const streamed = Object.fromEntries(TABLE_KEYS.map((key) => [key, createHash('sha256')]));
    let chunks = 0;
    for (const chunk of createDistrict({ residents: 2000, seed: 20261125 }).chunks()) {
      chunks++;
      for (const key of TABLE_KEYS) for (const row of chunk.rows[key] ?? []) streamed[key].update(JSON.stringify(row));
    }
    expect(chunks).toBe(small.tables.grid.length + 1);
    for (const key of TABLE_KEYS) {
      const direct = createHash('sha256');
      for (const row of small.tables[key]) direct.update(JSON.stringify(row));
      expect(streamed[key].digest('hex')).toBe(direct.digest('hex'));
    }
  });

  it('uses the fixed today, not the clock', () => {
    expect(SEED_TODAY).toBe('2026-11-25');
    expect(INCOME_MONTHS.map(formatDay)).toEqual(['2026-08-01', '2026-09-01', '2026-10-01']);
  });
});

describe('persons', () => {
  it('has exactly N residents, about 15 % floating, 0.1–0.6 % deceased', () => {
    for (const district of [small, large]) {
      const persons = district.tables.person;
      expect(persons).toHaveLength(district.plan.residents);
      const floating = persons.filter((p) => p.population_type === 'FLOATING').length / persons.length;
      expect(floating).toBeGreaterThan(0.14);
      expect(floating).toBeLessThan(0.16);
    }
    const deceased = large.tables.person.filter((p) => p.death_date !== null).length / large.tables.person.length;
    expect(deceased).toBeGreaterThan(0.001);
    expect(deceased).toBeLessThan(0.006);
  });

  it('gives every person a valid GB 11643 number that agrees with birth date and gender', () => {
    const origins = new Set(ORIGIN_COUNTIES.map((c) => c.code));
    const problems: unknown[] = [];
    for (const p of large.tables.person) {
      const parsed = parseIdNumber(p.id_number as string);
      const registered = p.population_type === 'REGISTERED';
      if (
        parsed.idNumber !== p.id_number ||
        parsed.birthDate !== p.birth_date ||
        parsed.gender !== p.gender ||
        (registered
          ? parsed.addressCode !== '120112' || !/^120112\d{6}$/.test(p.hukou_region_code as string)
          : !origins.has(parsed.addressCode) || p.hukou_region_code !== parsed.addressCode || p.household_id !== null) ||
        (p.birth_date as string) > SEED_TODAY
      ) {
        problems.push(p);
      }
    }
    expect(problems).toEqual([]);
  });

  it('never repeats an ID number or a person id', () => {
    const persons = large.tables.person;
    expect(new Set(persons.map((p) => p.id_number)).size).toBe(persons.length);
    expect(new Set(persons.map((p) => p.id)).size).toBe(persons.length);
    expect(persons.filter((p) => !/^P[0-9a-f]{24}$/.test(p.id as string))).toEqual([]);
  });

  it('has plausible names, phones and ethnicity', () => {
    const persons = large.tables.person;
    expect(persons.filter((p) => !/^\p{Script=Han}{2,4}$/u.test(p.name as string))).toEqual([]);
    expect(persons.filter((p) => p.phone !== null && !/^1[358]\d{9}$/.test(p.phone as string))).toEqual([]);
    expect(persons.some((p) => /^(欧阳|司马|上官|诸葛|东方|皇甫|尉迟|慕容)/.test(p.name as string))).toBe(true);
    expect(persons.filter((p) => p.ethnicity === '01').length / persons.length).toBeGreaterThan(0.9);
    expect(new Set(persons.map((p) => p.name)).size).toBeGreaterThan(persons.length / 4);
  });

  it("gives every person a residence in a dwelling of the district, in that dwelling's grid", () => {
    const dwellings = new Map(large.tables.dwelling.map((d) => [d.id, d]));
    const problems = large.tables.person.filter((p) => {
      const dwelling = dwellings.get(p.residence_dwelling_id as string);
      return !dwelling || p.residence_grid_code !== dwelling.grid_code || (p.residence_since as string) < (p.birth_date as string);
    });
    expect(problems).toEqual([]);
  });
});

describe('households', () => {
  it('have one head each and GB/T 4761 relations, mostly living together', () => {
    const members = groupBy(large.tables.person, (p) => p.household_id as string | null);
    expect(members.size).toBe(large.tables.household.length);
    const relations = new Set(['02', '10', '20', '30', '40', '51', '52']);
    const problems = [...members.values()].filter((list) => list.filter((p) => p.relation_to_head === '02').length !== 1 || list.some((p) => !relations.has(p.relation_to_head as string)));
    expect(problems).toEqual([]);
    const away = large.tables.person.filter((p) => p.lives_with_household === false);
    expect(away.length).toBeGreaterThan(0);
    expect(away.length / large.tables.person.length).toBeLessThan(0.05);
    for (const p of away) expect(['20', '30']).toContain(p.relation_to_head);
  });

  it('range from people living alone (some 80+) to three generations', () => {
    const members = groupBy(large.tables.person, (p) => p.household_id as string | null);
    const sizes = [...members.values()].map((list) => list.length);
    expect(Math.min(...sizes)).toBe(1);
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(5);
    expect([...members.values()].some((list) => list.some((p) => p.relation_to_head === '40'))).toBe(true);
    expect([...members.values()].some((list) => list.some((p) => p.relation_to_head === '51' || p.relation_to_head === '52'))).toBe(true);
    const oldAlone = [...members.values()].filter((list) => list.length === 1 && list[0].birth_date! <= formatDay(addYears(TODAY, -80)));
    expect(oldAlone.length).toBeGreaterThan(10);
    expect(small.planted.elderlyLivingAlone.length).toBeGreaterThan(2);
  });

  it('have unique 9-digit household numbers and their hukou in a community', () => {
    const numbers = large.tables.household.map((h) => h.household_number);
    expect(new Set(numbers).size).toBe(numbers.length);
    const problems = large.tables.household.filter(
      (h) => !/^H\d{8}$/.test(h.id as string) || !/^\d{9}$/.test(h.household_number as string) || !new RegExp(`^${h.hukou_region_code}\\d{3}$`).test(h.grid_code as string),
    );
    expect(problems).toEqual([]);
  });
});

describe('regions and grids', () => {
  it('roots every code at 120112 with the real streets and synthetic communities below', () => {
    const streets = new Set(STREETS.map((s) => s.code));
    const regions = large.tables.region;
    expect(regions.filter((r) => r.level === 'DISTRICT')).toEqual([{ code: '120112', name: '天津市津南区', level: 'DISTRICT', parent_code: null }]);
    expect(new Set(regions.filter((r) => r.level === 'STREET').map((r) => r.code))).toEqual(streets);
    for (const r of regions) expect(r.code).toMatch(/^120112/);
    for (const c of regions.filter((r) => r.level === 'COMMUNITY')) {
      expect(streets.has(c.parent_code as string)).toBe(true);
      expect(c.code).toMatch(new RegExp(`^${c.parent_code}\\d{3}$`));
      const number = Number((c.code as string).slice(9));
      if ((c.name as string).endsWith('社区居委会')) {
        expect(number).toBeGreaterThanOrEqual(1);
        expect(number).toBeLessThanOrEqual(199);
      } else {
        expect(c.name).toMatch(/村委会$/);
        expect(number).toBeGreaterThanOrEqual(200);
        expect(number).toBeLessThanOrEqual(399);
      }
    }
    for (const street of streets) expect(regions.some((r) => r.parent_code === street)).toBe(true);
  });

  it('keeps every grid between 300 and 500 households at N = 20000, and none empty at N = 2000', () => {
    const perGrid = groupBy(large.tables.household, (h) => h.grid_code as string);
    expect(perGrid.size).toBe(large.tables.grid.length);
    for (const [, households] of perGrid) {
      expect(households.length).toBeGreaterThanOrEqual(300);
      expect(households.length).toBeLessThanOrEqual(500);
    }
    const smallGrids = groupBy(small.tables.household, (h) => h.grid_code as string);
    expect(smallGrids.size).toBe(small.tables.grid.length);
  });

  it('has, at every N, a community of two grids (a boundary change moves dwellings between grids of one community)', () => {
    for (const district of [small, large]) {
      const gridsPerCommunity = groupBy(district.tables.grid, (g) => g.region_code as string);
      expect([...gridsPerCommunity.values()].some((grids) => grids.length >= 2)).toBe(true);
    }
  });

  it('scales the number of grids and communities with N', () => {
    const big = generateDistrict({ residents: 40000, seed: 1 });
    expect(big.tables.grid.length).toBeGreaterThan(large.tables.grid.length);
    expect(big.tables.region.length).toBeGreaterThan(large.tables.region.length);
  });

  it('names grids after their street and community and staffs each with a leader and 1–3 workers', () => {
    for (const g of large.tables.grid) {
      expect(g.code).toMatch(new RegExp(`^${g.region_code}\\d{3}$`));
      expect(g.name).toMatch(/^.+(社区|村)第\d+网格$/);
    }
    const workers = groupBy(large.tables.grid_worker, (w) => w.grid_code as string);
    for (const g of large.tables.grid) {
      const staff = workers.get(g.code as string)!;
      expect(staff.filter((w) => w.role === 'GRID_LEADER')).toHaveLength(1);
      expect(staff.length).toBeGreaterThanOrEqual(2);
      expect(staff.length).toBeLessThanOrEqual(4);
    }
  });
});

describe('dwellings, ownership and tenancy', () => {
  it('has more dwellings than households, each with a standard address in its grid', () => {
    const { dwelling, dwelling_grid, household } = large.tables;
    expect(dwelling.length).toBeGreaterThan(household.length);
    expect(new Set(dwelling.map((d) => d.address_code)).size).toBe(dwelling.length);
    const assigned = new Map(dwelling_grid.map((a) => [a.dwelling_id, a.grid_code]));
    const problems = dwelling.filter((d) => {
      const region = d.region_code as string;
      return (
        !/^D\d{8}$/.test(d.id as string) ||
        !new RegExp(`^${region}\\d{9}$`).test(d.address_code as string) ||
        !new RegExp(`^${region}\\d{3}$`).test(d.grid_code as string) ||
        !(d.address as string).startsWith('天津市津南区') ||
        Number(d.area) < 30 ||
        Number(d.area) > 180 ||
        assigned.get(d.id) !== d.grid_code
      );
    });
    expect(problems).toEqual([]);
    const uses = groupBy(dwelling, (d) => d.building_use as string);
    expect(uses.get('01')!.length / dwelling.length).toBeGreaterThan(0.85);
    expect(uses.has('02') && uses.has('06')).toBe(true);
  });

  it('has most households owning one dwelling, renters owning none, some owning 2–3, couples sharing halves', () => {
    const persons = new Map(large.tables.person.map((p) => [p.id, p]));
    const owned = new Map<string, Set<unknown>>();
    for (const o of large.tables.ownership) {
      const owner = persons.get(o.owner_person_id as string)!;
      expect(owner).toBeDefined();
      if (!owner.household_id) continue;
      const set = owned.get(owner.household_id as string) ?? new Set();
      set.add(o.dwelling_id);
      owned.set(owner.household_id as string, set);
    }
    const counts = large.tables.household.map((h) => owned.get(h.id as string)?.size ?? 0);
    const share = (n: number) => counts.filter((c) => c === n).length / counts.length;
    expect(share(1)).toBeGreaterThan(0.5);
    expect(share(0)).toBeGreaterThan(0.05);
    expect(share(2) + share(3)).toBeGreaterThan(0.05);
    expect(Math.max(...counts)).toBeLessThanOrEqual(4);
    expect(large.tables.ownership.some((o) => o.share === '0.5000')).toBe(true);
    const born = new Map(large.tables.person.map((p) => [p.id, p.birth_date as string]));
    expect(large.tables.ownership.filter((o) => (o.registered_on as string) < formatDay(addYears(parseDay(born.get(o.owner_person_id as string)!), 18)))).toEqual([]);
  });

  it('lets dwellings only by their owners', () => {
    const owners = groupBy(large.tables.ownership, (o) => o.dwelling_id as string);
    const problems = large.tables.tenancy.filter((t) => !owners.get(t.dwelling_id as string)?.some((o) => o.owner_person_id === t.landlord_person_id) || t.tenant_person_id === t.landlord_person_id);
    expect(problems).toEqual([]);
  });
});

describe('floating population, vehicles and key persons', () => {
  it('registers floating residents where they live (mostly rented, mostly 居住证), several sharing a dwelling', () => {
    const persons = new Map(large.tables.person.map((p) => [p.id, p]));
    const registrations = large.tables.floating_registration;
    const elsewhere = new Set(large.planted.floatingRegisteredElsewhere.map((p) => p.registrationId));
    const fiveYearsAgo = formatDay(addYears(TODAY, -5));
    const problems = registrations.filter((f) => {
      const person = persons.get(f.person_id as string)!;
      return (
        person.population_type !== 'FLOATING' ||
        f.hukou_region_code !== person.hukou_region_code ||
        !/^F\d{8}$/.test(f.id as string) ||
        (!elsewhere.has(f.id as string) && f.dwelling_id !== person.residence_dwelling_id) ||
        (f.registered_on as string) < fiveYearsAgo ||
        f.status !== 'ACTIVE'
      );
    });
    expect(problems).toEqual([]);
    const share = (column: string, value: string) => registrations.filter((f) => f[column] === value).length / registrations.length;
    expect(share('inflow_reason', '01')).toBeGreaterThan(0.4);
    expect(share('residence_type', '02')).toBeGreaterThan(0.4);
    expect(share('permit_type', '01')).toBeGreaterThan(0.7);
    expect(new Set(registrations.map((f) => f.residence_type))).toEqual(new Set(['01', '02', '03', '04', '05', '06', '07']));
    const today = SEED_TODAY;
    const soon = formatDay(TODAY + 30);
    expect(registrations.some((f) => f.permit_expires_on! >= today && f.permit_expires_on! <= soon)).toBe(true);
    const perDwelling = groupBy(registrations, (f) => f.dwelling_id as string);
    expect([...perDwelling.values()].some((list) => list.length >= 3)).toBe(true);
  });

  it('gives about a quarter of households a car with unique 津 plates, and exempt vehicles only to disabled owners', () => {
    const { vehicle, disability_certificate, household } = large.tables;
    const disabled = new Set(disability_certificate.map((c) => c.person_id));
    expect(new Set(vehicle.map((v) => v.plate_number)).size).toBe(vehicle.length);
    for (const v of vehicle) {
      expect(v.plate_number).toMatch(/^津[A-Z][A-Z0-9]{5}$/);
      expect(['02', '52']).toContain(v.plate_type);
      if (v.exempt) {
        expect(v.vehicle_type).toBe('X99');
        expect(v.exempt_reason).toBe('残疾人功能性补偿代步机动车');
        expect(disabled.has(v.owner_person_id)).toBe(true);
      } else expect(v.exempt_reason).toBeNull();
    }
    const nonExempt = vehicle.filter((v) => !v.exempt).length / household.length;
    expect(nonExempt).toBeGreaterThan(0.2);
    expect(nonExempt).toBeLessThan(0.4);
    expect(vehicle.some((v) => v.exempt)).toBe(true);
  });

  it('marks about 0.5 % of residents as key persons with GB/T 31000 categories', () => {
    const { key_person, person } = large.tables;
    expect(key_person.length / person.length).toBeGreaterThan(0.003);
    expect(key_person.length / person.length).toBeLessThan(0.008);
    for (const k of key_person) {
      expect(Object.keys(KEY_PERSON_CATEGORY)).toContain(k.category);
      expect(['01', '02', '03']).toContain(k.attention_level);
    }
  });
});

describe('civil affairs', () => {
  it('has dated standards with 920.00 from 2018-04-01', () => {
    expect(large.tables.subsistence_standard[0]).toMatchObject({
      region_code: '120112',
      effective_from: '2018-04-01',
      monthly_standard: '920.00',
      dwelling_limit: 1,
      vehicle_rule: 'NO_NON_EXEMPT_VEHICLE',
    });
    expect(large.tables.subsistence_standard.map((s) => s.version)).toContain('TJ-JN-2025-07');
  });

  it('has 低保 for 2–3 % of households, one record per member, paying the gap to the standard', () => {
    const dibao = large.tables.assistance_record.filter((r) => r.kind === 'DIBAO' && r.status === 'ACTIVE');
    const households = groupBy(dibao, (r) => r.household_id as string);
    const share = households.size / large.tables.household.length;
    expect(share).toBeGreaterThan(0.018);
    expect(share).toBeLessThan(0.035);
    const members = groupBy(large.tables.person, (p) => p.household_id as string | null);
    for (const [householdId, records] of households) expect(records.length).toBe(members.get(householdId)!.length);
    for (const r of dibao) {
      expect(Number(r.monthly_amount)).toBeGreaterThan(0);
      expect(Number(r.monthly_amount)).toBeLessThanOrEqual(CURRENT_STANDARD);
    }
    const kinds = new Set(large.tables.assistance_record.map((r) => r.kind));
    for (const kind of ['DIBAO', 'TEKUN', 'CANJI_SHENGHUO']) expect(kinds.has(kind)).toBe(true);
  });

  it('has disability certificates for about 2 % of persons, numbered ID number + category + level', () => {
    const persons = new Map(large.tables.person.map((p) => [p.id, p]));
    const certificates = large.tables.disability_certificate;
    expect(certificates.length / persons.size).toBeGreaterThan(0.012);
    expect(certificates.length / persons.size).toBeLessThan(0.03);
    for (const c of certificates) expect(c.certificate_number).toBe(`${persons.get(c.person_id as string)!.id_number}${c.category}${c.level}`);
  });

  it('declares income monthly for the last three months, for working-age persons and pensioners', () => {
    const declarations = large.tables.income_declaration;
    expect(new Set(declarations.map((d) => d.month))).toEqual(new Set(['2026-08-01', '2026-09-01', '2026-10-01']));
    const people = new Map(large.tables.person.map((p) => [p.id, p]));
    const declared = new Set(declarations.map((d) => d.person_id));
    const adult = formatDay(addYears(TODAY, -18));
    const retired = formatDay(addYears(TODAY, -60));
    const workingAge = large.tables.person.filter((p) => p.population_type === 'REGISTERED' && p.death_date === null && (p.birth_date as string) <= adult && (p.birth_date as string) > retired);
    expect(workingAge.filter((p) => !declared.has(p.id))).toEqual([]);
    expect(declarations.filter((d) => people.get(d.person_id as string)!.population_type !== 'REGISTERED')).toEqual([]);
    expect(new Set(declarations.map((d) => d.source))).toEqual(new Set(['WAGE', 'PENSION', 'AGRICULTURE', 'BUSINESS', 'NONE']));
  });
});

/** Re-derives each planted application's facts from the rows, the way a 核对 would. */
function facts(district: GeneratedDistrict, householdId: string) {
  const members = district.tables.person.filter((p) => p.household_id === householdId);
  const ids = new Set(members.map((m) => m.id));
  const living = members.filter((m) => m.death_date === null && m.lives_with_household);
  const livingIds = new Set(living.map((m) => m.id));
  const income = district.tables.income_declaration.filter((d) => livingIds.has(d.person_id));
  const byMonth = INCOME_MONTHS.map((month) => income.filter((d) => d.month === formatDay(month)).reduce((sum, d) => sum + Number(d.amount), 0) / living.length);
  const dwellings = new Set(district.tables.ownership.filter((o) => ids.has(o.owner_person_id)).map((o) => o.dwelling_id));
  const vehicles = district.tables.vehicle.filter((v) => ids.has(v.owner_person_id));
  return {
    maxPerCapita: Math.max(...byMonth),
    minPerCapita: Math.min(...byMonth),
    dwellings: dwellings.size,
    nonExempt: vehicles.filter((v) => !v.exempt).length,
    exempt: vehicles.filter((v) => v.exempt).length,
    deceased: members.filter((m) => m.death_date !== null).length,
  };
}

describe('planted cases (N = 2000)', () => {
  const kinds = ['eligibleApplications', 'incomeAboveStandard', 'excessDwellings', 'nonExemptVehicle', 'memberDeceased'] as const;

  it('has at least two open applications of every kind, at least two of them authorized', () => {
    const applications = new Map(small.tables.assistance_application.map((a) => [a.id, a]));
    for (const kind of kinds) {
      const planted = small.planted[kind];
      expect(planted.length).toBeGreaterThanOrEqual(2);
      expect(planted.filter((p) => p.authorizationOnFile).length).toBeGreaterThanOrEqual(2);
      for (const p of planted) {
        const row = applications.get(p.applicationId)!;
        expect(['ACCEPTED', 'VERIFYING', 'INVESTIGATING']).toContain(row.status);
        expect(row).toMatchObject({ household_id: p.householdId, applicant_person_id: p.applicantPersonId, authorization_on_file: p.authorizationOnFile });
      }
    }
    expect(small.planted.closedApplications.map((c) => c.status)).toEqual(expect.arrayContaining(['APPROVED', 'REJECTED']));
    const open = small.tables.assistance_application.filter((a) => ['ACCEPTED', 'VERIFYING', 'INVESTIGATING'].includes(a.status as string));
    expect(open.length).toBe(kinds.reduce((sum, kind) => sum + small.planted[kind].length, 0));
  });

  it('plants households that fail exactly the rule the manifest names', () => {
    for (const district of [small, large]) {
      for (const kind of kinds) {
        for (const p of district.planted[kind]) {
          const f = facts(district, p.householdId);
          const reasons: string[] = [];
          if (f.maxPerCapita >= CURRENT_STANDARD) reasons.push('INCOME_ABOVE_STANDARD');
          if (f.dwellings > 1) reasons.push('EXCESS_DWELLINGS');
          if (f.nonExempt > 0) reasons.push('NON_EXEMPT_VEHICLE');
          if (f.deceased > 0) reasons.push('MEMBER_DECEASED');
          expect({ id: p.applicationId, reasons }).toEqual({ id: p.applicationId, reasons: p.expectedReasons });
          expect(p.expectedEligible).toBe(reasons.length === 0);
          if (kind === 'incomeAboveStandard') expect(f.minPerCapita).toBeGreaterThan(CURRENT_STANDARD * 1.5);
          else expect(f.maxPerCapita).toBeLessThan(CURRENT_STANDARD * 0.61);
          expect(f.dwellings).toBe(p.ownedDwellingCount);
          expect(f.nonExempt).toBe(p.nonExemptVehicleCount);
        }
      }
      expect(district.planted.eligibleApplications.some((p) => p.exemptVehicleCount > 0)).toBe(true);
    }
  });

  it('plants each cross-department discrepancy at least twice', () => {
    const { person, assistance_record, floating_registration, tenancy } = small.tables;
    const persons = new Map(person.map((p) => [p.id, p]));
    expect(small.planted.deceasedWithActiveAssistance.length).toBeGreaterThanOrEqual(2);
    for (const d of small.planted.deceasedWithActiveAssistance) {
      expect(persons.get(d.personId)!.death_date).toBe(d.deathDate);
      expect(assistance_record.some((r) => r.person_id === d.personId && r.status === 'ACTIVE' && r.kind === 'DIBAO')).toBe(true);
    }
    const registrations = new Map(floating_registration.map((f) => [f.id, f]));
    expect(small.planted.floatingRegisteredElsewhere.length).toBeGreaterThanOrEqual(2);
    for (const f of small.planted.floatingRegisteredElsewhere) {
      const row = registrations.get(f.registrationId)!;
      expect(row.person_id).toBe(f.personId);
      expect(row.dwelling_id).toBe(f.registeredDwellingId);
      expect(persons.get(f.personId)!.residence_dwelling_id).toBe(f.residenceDwellingId);
      expect(f.registeredDwellingId).not.toBe(f.residenceDwellingId);
    }
    const lapsed = small.planted.lapsedPermitStillActive;
    expect(lapsed.filter((l) => l.reason === 'PERMIT_EXPIRED').length).toBeGreaterThanOrEqual(2);
    expect(lapsed.filter((l) => l.reason === 'ENDORSEMENT_MISSED').length).toBeGreaterThanOrEqual(2);
    const yearAgo = formatDay(addYears(TODAY, -1));
    const derived = floating_registration.filter((f) => f.status === 'ACTIVE' && (f.permit_expires_on! < SEED_TODAY || (f.last_endorsed_on !== null && f.last_endorsed_on < yearAgo)));
    expect(new Set(lapsed.map((l) => l.registrationId))).toEqual(new Set(derived.map((f) => f.id)));
    const registered = new Set(floating_registration.map((f) => f.person_id));
    const unregisteredTenants = tenancy.filter((t) => t.end_on === null && persons.get(t.tenant_person_id as string)!.population_type === 'FLOATING' && !registered.has(t.tenant_person_id));
    expect(small.planted.tenantWithoutFloatingRegistration.length).toBeGreaterThanOrEqual(2);
    expect(new Set(small.planted.tenantWithoutFloatingRegistration.map((t) => t.personId))).toEqual(new Set(unregisteredTenants.map((t) => t.tenant_person_id)));
  });

  it('plants 低保 households breaking a property rule, and no other 低保 household breaks one', () => {
    const { assistance_record, ownership, vehicle } = small.tables;
    const dibaoMembers = new Map<string, Set<string>>();
    for (const r of assistance_record)
      if (r.kind === 'DIBAO' && r.status === 'ACTIVE')
        (dibaoMembers.get(r.household_id as string) ?? dibaoMembers.set(r.household_id as string, new Set()).get(r.household_id as string)!).add(r.person_id as string);
    const excess = new Set<string>();
    const withVehicle = new Set<string>();
    for (const [household, members] of dibaoMembers) {
      if (new Set(ownership.filter((o) => members.has(o.owner_person_id as string)).map((o) => o.dwelling_id)).size > 1) excess.add(household);
      if (vehicle.some((v) => !v.exempt && members.has(v.owner_person_id as string))) withVehicle.add(household);
    }
    expect(small.planted.assistanceHouseholdExcessDwellings.length).toBeGreaterThanOrEqual(2);
    expect(small.planted.assistanceHouseholdNonExemptVehicle.length).toBeGreaterThanOrEqual(2);
    expect(new Set(small.planted.assistanceHouseholdExcessDwellings.map((p) => p.householdId))).toEqual(excess);
    expect(new Set(small.planted.assistanceHouseholdNonExemptVehicle.map((p) => p.householdId))).toEqual(withVehicle);
  });

  it('keeps the deceased with active 低保 out of every open application', () => {
    const openHouseholds = new Set(kinds.flatMap((kind) => small.planted[kind].map((p) => p.householdId)));
    for (const d of small.planted.deceasedWithActiveAssistance) expect(openHouseholds.has(d.householdId)).toBe(false);
  });
});

describe('row hygiene', () => {
  it('writes dates as ISO YYYY-MM-DD', () => {
    const date = /^\d{4}-\d{2}-\d{2}$/;
    const problems: unknown[] = [];
    for (const key of TABLE_KEYS) {
      for (const row of small.tables[key] as Row[]) {
        for (const [column, value] of Object.entries(row)) {
          if (/(_on|_date|_since|^month|_from)$/.test(column) && value !== null && !date.test(value as string)) problems.push({ key, column, value });
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
