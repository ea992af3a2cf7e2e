/**
 * Generates everything that happens inside one grid: its households and floating residents, the dwellings
 * they live in and who owns or rents them, police registrations, vehicles, key persons, civil-affairs
 * records and the planted cases assigned to the grid. Grids are generated one after another (the unit of
 * streaming), each from its own named random stream; only counters and uniqueness sets are shared.
 */
import { createHash } from 'node:crypto';
import { DISTRICT, KEY_PERSON_CATEGORY, ORIGIN_COUNTIES } from '@hub/domain';
import { addYears, formatDay, INCOME_MONTHS, TODAY, yearOf, yearsAgo } from './dates';
import { caseOfSubject } from './investigation-cases';
import { pickSurname } from './names';
import {
  birthDayForAge,
  COMPOSITIONS,
  type CompositionKey,
  type DwellingDraft,
  type FloatingGroupDraft,
  type Gender,
  type HouseholdDraft,
  IdNumberAllocator,
  PersonFactory,
  type PersonDraft,
} from './people';
import type { IneligibilityReason, Planted, PlantedApplication } from './planted';
import { type FloatingPlantKind, type HouseholdPlantKind, isHouseholdKind, OPEN_APPLICATION_KINDS, type PlantKind } from './plant-kinds';
import { Random, weightedTable } from './random';
import type { CommunityPlan, GridPlan } from './regions';
import { CURRENT_STANDARD, DISABILITY_CARE_ALLOWANCE, DISABILITY_LIVING_ALLOWANCE, DWELLING_LIMIT, MINIMUM_WAGE, standardOn, TEKUN_MONTHLY } from './standards';
import type { Row, TableKey, TableRows } from './tables';

export const EXEMPT_VEHICLE_REASON = '残疾人功能性补偿代步机动车';

/** State shared by the grids of one district, in generation order. */
export interface DistrictContext {
  seed: number;
  secret: string;
  compositions: Uint8Array;
  ids: IdNumberAllocator;
  counters: { household: number; dwelling: number; floating: number; vehicle: number; keyPerson: number; application: number };
  householdNumbers: Map<string, number>;
  plates: Set<string>;
  buildings: Map<string, number>;
  /** How many open applications of each kind were given authorization_on_file = true so far. */
  authorized: Map<PlantKind, number>;
}

export interface GridChunk {
  rows: TableRows;
  planted: Partial<Planted>;
  /** Planted cases this grid could not hold (too small); the next grid takes them. */
  unplaced: PlantKind[];
  residents: number;
  households: number;
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');
const money = (value: number) => value.toFixed(2);

const FLOATING_GROUPS = weightedTable<string>([
  ['RENT_SOLO', 22],
  ['RENT_SHARED', 16],
  ['RENT_COUPLE', 12],
  ['RENT_FAMILY', 10],
  ['DORM', 10],
  ['DORM_TEMPORARY', 2],
  ['WORKER_APARTMENT', 2],
  ['BORROW', 7],
  ['LODGE', 3],
  ['OWN', 6],
  ['SHOP', 3],
]);
const WORKER_INFLOW = weightedTable<string>([
  ['01', 65],
  ['03', 10],
  ['04', 4],
  ['09', 4],
  ['02', 2],
  ['08', 5],
  ['05', 4],
  ['99', 1],
]);
const PARTNER_INFLOW = weightedTable<string>([
  ['05', 25],
  ['06', 35],
  ['01', 40],
]);
const RELATIVE_INFLOW = weightedTable<string>([
  ['08', 50],
  ['01', 40],
  ['07', 10],
]);
const KEY_CATEGORIES = weightedTable<string>([
  ['RELEASED_PRISONER', 30],
  ['COMMUNITY_CORRECTION', 20],
  ['SEVERE_MENTAL_DISORDER', 25],
  ['DRUG_USER', 15],
  ['AIDS_RISK', 3],
]);
const ATTENTION = weightedTable<string>([
  ['01', 2],
  ['02', 4],
  ['03', 4],
]);
const DISABILITY_CATEGORY = weightedTable<string>([
  ['4', 40],
  ['1', 12],
  ['2', 15],
  ['3', 2],
  ['5', 10],
  ['6', 12],
  ['7', 9],
]);
const DISABILITY_LEVEL = weightedTable<string>([
  ['1', 15],
  ['2', 25],
  ['3', 30],
  ['4', 30],
]);
const OPEN_STATUS = weightedTable<string>([
  ['ACCEPTED', 4],
  ['VERIFYING', 3],
  ['INVESTIGATING', 3],
]);
const PLATE_LETTERS = 'ABCDEFGHJKLMNQR';
const PLATE_ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

if (!KEY_PERSON_CATEGORY.KEY_YOUTH) throw new Error('KEY_PERSON_CATEGORY lost KEY_YOUTH');

type Slot =
  | { purpose: 'HOME' | 'RENTED_HOME' | 'EXTRA'; household: HouseholdDraft }
  | { purpose: 'CHILD_HOME'; household: HouseholdDraft; child: PersonDraft; owned: boolean }
  | { purpose: 'FLOATING_RENT' | 'FLOATING_OWN' | 'DORM'; group: FloatingGroupDraft }
  | { purpose: 'SHOP'; group: FloatingGroupDraft | null }
  | { purpose: 'VACANT' };

interface Tenancy {
  dwelling: DwellingDraft;
  tenant: PersonDraft;
  landlord: PersonDraft;
  use: string;
  start: number;
  end: number | null;
}

interface Income {
  person: PersonDraft;
  source: string;
  amounts: number[];
}

export class GridChunkBuilder {
  private readonly random: Random;
  private readonly people: PersonFactory;
  private readonly community: CommunityPlan;
  private readonly rows: Partial<Record<TableKey, Row[]>> = {};
  private readonly planted: Partial<Planted> = {};
  private readonly households: HouseholdDraft[] = [];
  private readonly groups: FloatingGroupDraft[] = [];
  private readonly dwellings: DwellingDraft[] = [];
  private readonly tenancies: Tenancy[] = [];
  private readonly incomes = new Map<HouseholdDraft, Income[]>();
  private readonly vehicles = new Map<PersonDraft, { exempt: number; nonExempt: number }>();
  private readonly floatingPlants = new Map<PersonDraft, FloatingPlantKind>();
  private readonly inflow = new Map<PersonDraft, string>();
  private readonly tekun = new Set<HouseholdDraft>();
  private readonly formerDibao = new Set<HouseholdDraft>();
  private readonly unplaced: PlantKind[] = [];

  constructor(
    private readonly district: DistrictContext,
    private readonly grid: GridPlan,
    private readonly demands: readonly PlantKind[],
  ) {
    this.random = new Random(district.seed, `grid:${grid.index}`);
    this.people = new PersonFactory(this.random, district.ids, district.secret);
    this.community = grid.community;
  }

  build(): GridChunk {
    for (let i = 0; i < this.grid.householdCount; i++) {
      this.households.push(this.household(COMPOSITIONS[this.district.compositions[this.grid.householdStart + i]].key));
    }
    this.floatingGroups();
    this.plantHouseholds();
    this.chooseAssistance();
    this.chooseTenure();
    this.deaths();
    this.disabilities();
    this.buildDwellings();
    this.plantFloating();
    this.vehiclesAndKeyPersons();
    this.civilAffairs();
    this.registrations();
    this.emitPeople();
    this.emitHousing();
    this.emitManifestFacts();
    let residents = 0;
    for (const h of this.households) residents += h.members.length;
    for (const g of this.groups) residents += g.members.length;
    return { rows: this.rows, planted: this.planted, unplaced: this.unplaced, residents, households: this.households.length };
  }

  private push(table: TableKey, row: Row): void {
    (this.rows[table] ??= []).push(row);
  }

  private note<K extends keyof Planted>(key: K, entry: Planted[K][number]): void {
    ((this.planted[key] ??= [] as unknown as Planted[K]) as unknown[]).push(entry);
  }

  /* ---------- households ---------- */

  private registered(gender: Gender, birthDay: number, surname: string | undefined, ethnicity: string): PersonDraft {
    return this.people.create({
      addressCode: DISTRICT.code,
      gender,
      birthDay,
      surname,
      populationType: 'REGISTERED',
      hukouRegionCode: this.community.code,
      ethnicity: this.random.chance(0.9) ? ethnicity : undefined,
    });
  }

  private household(composition: CompositionKey): HouseholdDraft {
    const r = this.random;
    const ethnicity = this.people.ethnicity();
    const members: PersonDraft[] = [];
    const add = (person: PersonDraft, relation: string) => {
      person.relation = relation;
      members.push(person);
      return person;
    };
    const single = (minAge: number, maxAge: number, maleShare: number) => add(this.registered(r.chance(maleShare) ? '1' : '2', birthDayForAge(r, minAge, maxAge), undefined, ethnicity), '02');
    const couple = (minAge: number, maxAge: number) => {
      const headMale = r.chance(0.75);
      const headBirth = birthDayForAge(r, minAge, maxAge);
      const gap = r.int(-2 * 365, 5 * 365);
      const spouseBirth = Math.min(headMale ? headBirth + gap : headBirth - gap, yearsAgo(20));
      const head = add(this.registered(headMale ? '1' : '2', headBirth, undefined, ethnicity), '02');
      const spouse = add(this.registered(headMale ? '2' : '1', Math.max(spouseBirth, yearsAgo(99)), undefined, ethnicity), '10');
      return { head, father: headMale ? head : spouse, mother: headMale ? spouse : head };
    };
    const child = (father: PersonDraft | null, mother: PersonDraft, maxAge = 30, minAge = 0) => {
      const earliest = Math.max(addYears(mother.birthDay, 22), yearsAgo(maxAge + 1) + 1);
      const latest = Math.min(yearsAgo(minAge), TODAY - 30);
      const birth = earliest >= latest ? latest : r.int(earliest, latest);
      const gender: Gender = r.chance(0.51) ? '1' : '2';
      const surname = father && r.chance(0.92) ? father.surname : mother.surname;
      return add(this.registered(gender, birth, surname, ethnicity), gender === '1' ? '20' : '30');
    };
    const parentsOf = (person: PersonDraft, which: 'BOTH' | 'ONE') => {
      const birth = Math.max(person.birthDay - r.int(24 * 365, 34 * 365), yearsAgo(99));
      const withFather = which === 'BOTH' || r.chance(0.35);
      if (withFather) add(this.registered('1', birth - r.int(0, 3 * 365), person.surname, ethnicity), '51');
      if (which === 'BOTH' || !withFather) add(this.registered('2', Math.max(birth, yearsAgo(99)), undefined, ethnicity), '52');
    };

    switch (composition) {
      case 'SINGLE_ADULT':
        single(22, 59, 0.55);
        break;
      case 'SINGLE_ELDERLY':
        single(65, 79, 0.4);
        break;
      case 'SINGLE_OLDEST':
        single(80, 97, 0.35);
        break;
      case 'COUPLE_YOUNG':
        couple(24, 40);
        break;
      case 'COUPLE_ELDERLY':
        couple(58, 88);
        break;
      case 'COUPLE_ONE_CHILD': {
        const { father, mother } = couple(26, 56);
        child(father, mother);
        break;
      }
      case 'COUPLE_TWO_CHILDREN': {
        const { father, mother } = couple(30, 52);
        child(father, mother, 22);
        child(father, mother, 16);
        break;
      }
      case 'SINGLE_PARENT': {
        const parent = single(28, 55, 0.25);
        child(parent.gender === '1' ? parent : null, parent, 20);
        break;
      }
      case 'THREE_GENERATIONS_4':
      case 'THREE_GENERATIONS_5':
      case 'THREE_GENERATIONS_6': {
        const { head, father, mother } = couple(30, 50);
        child(father, mother, 25);
        if (composition === 'THREE_GENERATIONS_6') child(father, mother, 16);
        parentsOf(head, composition === 'THREE_GENERATIONS_4' ? 'ONE' : 'BOTH');
        break;
      }
      case 'GRANDPARENTS_GRANDCHILD': {
        const { father, mother } = couple(55, 75);
        const earliest = Math.max(addYears(mother.birthDay, 22), yearsAgo(45));
        const sonBirth = Math.min(r.int(earliest, Math.max(earliest, addYears(mother.birthDay, 32))), yearsAgo(22));
        const son = add(this.registered('1', sonBirth, father.surname, ethnicity), '20');
        const grandBirth = Math.min(r.int(addYears(sonBirth, 22), addYears(sonBirth, 32)), TODAY - 30);
        const gender: Gender = r.chance(0.5) ? '1' : '2';
        add(this.registered(gender, grandBirth, son.surname, ethnicity), '40');
        break;
      }
      case 'COUPLE_CHILD_AWAY': {
        const { father, mother } = couple(48, 70);
        child(father, mother, 32, 19).livesWithHousehold = false;
        break;
      }
    }
    const head = members[0];
    const street = this.community.street.code;
    const numberInStreet = (this.district.householdNumbers.get(street) ?? 0) + 1;
    this.district.householdNumbers.set(street, numberInStreet);
    const registeredOn = r.int(Math.max(addYears(head.birthDay, 18), 5479 /* 1985-01-01 */), TODAY - 60);
    const household: HouseholdDraft = {
      index: this.households.length,
      id: `H${pad(++this.district.counters.household, 8)}`,
      number: `${street.slice(6)}${pad(numberInStreet, 6)}`,
      composition,
      members,
      head,
      registeredOn,
      movedIn: registeredOn,
      village: this.community.kind === 'VILLAGE',
      tenure: 'OWN',
      home: null,
      dibao: false,
      planted: null,
      owned: 0,
    };
    for (const member of members) member.household = household;
    return household;
  }

  /* ---------- floating residents ---------- */

  private floatingGroups(): void {
    const r = this.random;
    let remaining = this.grid.floatingCount;
    while (remaining > 0) {
      const type = r.weighted(FLOATING_GROUPS);
      const origin = r.pick(ORIGIN_COUNTIES).code;
      const movedIn = TODAY - r.int(7, 5 * 365 - 25);
      const sizeFor: Record<string, () => number> = {
        RENT_SOLO: () => 1,
        RENT_SHARED: () => r.int(2, 4),
        RENT_COUPLE: () => 2,
        RENT_FAMILY: () => r.int(3, 4),
        DORM: () => r.int(4, 8),
        DORM_TEMPORARY: () => r.int(3, 6),
        WORKER_APARTMENT: () => r.int(4, 8),
        BORROW: () => 1,
        LODGE: () => 1,
        OWN: () => r.int(2, 4),
        SHOP: () => r.int(1, 3),
      };
      const size = Math.min(remaining, sizeFor[type]());
      remaining -= size;
      const kind: FloatingGroupDraft['kind'] = type.startsWith('RENT')
        ? 'RENT'
        : type === 'BORROW'
          ? 'BORROW'
          : type === 'LODGE'
            ? 'LODGE'
            : type === 'OWN'
              ? 'OWN'
              : type === 'SHOP'
                ? 'SHOP'
                : 'DORM';
      const residenceType = { RENT: '02', SHOP: '02', BORROW: '04', LODGE: '03', OWN: '01', DORM: type === 'DORM' ? '05' : type === 'DORM_TEMPORARY' ? '06' : '07' }[kind];
      const group: FloatingGroupDraft = { kind, residenceType, members: [], movedIn, dwelling: null, originCode: origin };
      const family = type === 'RENT_COUPLE' || type === 'RENT_FAMILY' || type === 'OWN' || type === 'SHOP';
      const surname = pickSurname(r);
      for (let m = 0; m < size; m++) {
        let gender: Gender;
        let birth: number;
        let inflow: string;
        if (family && m >= 2) {
          const mother = group.members[1] ?? group.members[0];
          birth = Math.min(Math.max(birthDayForAge(r, 0, 15), addYears(mother.birthDay, 20)), TODAY - 30);
          gender = r.chance(0.51) ? '1' : '2';
          inflow = yearOf(TODAY) - yearOf(birth) >= 16 && r.chance(0.3) ? '04' : '06';
        } else {
          gender = family ? (m === 0 ? '1' : '2') : kind === 'DORM' ? (r.chance(0.7) ? '1' : '2') : r.chance(0.55) ? '1' : '2';
          const age = Math.max(18, Math.min(60, Math.round(31 + 9 * r.normal())));
          birth = birthDayForAge(r, age, age);
          inflow = family && m === 1 ? r.weighted(PARTNER_INFLOW) : kind === 'BORROW' || kind === 'LODGE' ? r.weighted(RELATIVE_INFLOW) : kind === 'SHOP' ? '03' : r.weighted(WORKER_INFLOW);
        }
        const person = this.people.create({
          addressCode: origin,
          gender,
          birthDay: birth,
          surname: family && m !== 1 ? surname : undefined,
          populationType: 'FLOATING',
          hukouRegionCode: origin,
        });
        person.group = group;
        this.inflow.set(person, inflow);
        group.members.push(person);
      }
      this.groups.push(group);
    }
  }

  /* ---------- planted cases and assistance ---------- */

  private plantHouseholds(): void {
    const capacity = Math.max(1, Math.floor(this.households.length / 4));
    const candidates = this.random.shuffle(this.households.filter((h) => h.composition !== 'COUPLE_CHILD_AWAY'));
    let placed = 0;
    for (const kind of this.demands) {
      if (!isHouseholdKind(kind)) continue;
      const needsPartner = kind === 'MEMBER_DECEASED' || kind === 'DECEASED_WITH_ACTIVE_ASSISTANCE';
      const fits = (h: HouseholdDraft) => !h.planted && (!needsPartner || h.members.length >= 2) && (kind !== 'ELIGIBLE_EXEMPT_VEHICLE' || h.members.some((m) => m.age >= 18 && m.age <= 75));
      const household = placed < capacity ? candidates.find(fits) : undefined;
      if (!household) {
        this.unplaced.push(kind);
        continue;
      }
      household.planted = kind;
      placed++;
      if (kind === 'CLOSED_APPROVED' || kind === 'DECEASED_WITH_ACTIVE_ASSISTANCE' || kind === 'ASSISTANCE_EXCESS_DWELLINGS' || kind === 'ASSISTANCE_NON_EXEMPT_VEHICLE') {
        household.dibao = true;
      }
    }
  }

  private chooseAssistance(): void {
    const r = this.random;
    const factor: Partial<Record<CompositionKey, number>> = {
      SINGLE_OLDEST: 2,
      SINGLE_ELDERLY: 1.8,
      SINGLE_PARENT: 3,
      COUPLE_ELDERLY: 1.2,
      COUPLE_CHILD_AWAY: 0,
    };
    for (const h of this.households) {
      if (h.planted) continue;
      if (r.chance(0.025 * (factor[h.composition] ?? 0.8))) h.dibao = true;
      else if ((h.composition === 'SINGLE_OLDEST' || h.composition === 'SINGLE_ELDERLY') && r.chance(0.05)) this.tekun.add(h);
      else if (r.chance(0.005)) this.formerDibao.add(h);
    }
  }

  private chooseTenure(): void {
    const r = this.random;
    for (const h of this.households) {
      const share = h.planted === 'ELIGIBLE' || h.planted === 'ELIGIBLE_EXEMPT_VEHICLE' ? 0.3 : h.planted ? 0 : h.dibao ? 0.2 : 0.12;
      if (r.chance(share)) {
        h.tenure = 'RENT';
        h.movedIn = Math.max(h.registeredOn, TODAY - r.int(30, 8 * 365));
      }
    }
  }

  private deaths(): void {
    const r = this.random;
    for (const h of this.households) {
      if (h.planted === 'MEMBER_DECEASED' || h.planted === 'DECEASED_WITH_ACTIVE_ASSISTANCE') {
        const deceased = h.members.find((m) => m.relation === '10' || m.relation === '51' || m.relation === '52') ?? h.members[1];
        // Before the three declared months, so the deceased has no income rows to count or not count.
        deceased.deathDay = INCOME_MONTHS[0] - r.int(1, h.planted === 'MEMBER_DECEASED' ? 150 : 240);
        continue;
      }
      if (h.planted || h.dibao || this.tekun.has(h)) continue;
      for (const m of h.members) {
        const p = m.age >= 85 ? 0.08 : m.age >= 75 ? 0.03 : m.age >= 60 ? 0.006 : 0.0003;
        if (r.chance(p)) m.deathDay = Math.max(m.birthDay + 1, TODAY - r.int(10, 730));
      }
    }
  }

  private disabilities(): void {
    const r = this.random;
    for (const h of this.households) {
      for (const m of h.members) {
        const p = m.age < 18 ? 0.005 : m.age < 60 ? 0.016 : m.age < 80 ? 0.055 : 0.1;
        if (r.chance(p)) m.disability = { category: r.weighted(DISABILITY_CATEGORY), level: r.weighted(DISABILITY_LEVEL) };
      }
      if (h.planted === 'ELIGIBLE_EXEMPT_VEHICLE') {
        const driver = h.members.find((m) => m.age >= 18 && m.age <= 75)!;
        driver.disability = { category: '4', level: String(r.int(1, 3)) };
      }
    }
  }

  /* ---------- dwellings, ownership, tenancy ---------- */

  private buildDwellings(): void {
    const r = this.random;
    const slots: Slot[] = [];
    for (const h of this.households) {
      slots.push({ purpose: h.tenure === 'OWN' ? 'HOME' : 'RENTED_HOME', household: h });
      const away = h.members.find((m) => !m.livesWithHousehold);
      if (away) slots.push({ purpose: 'CHILD_HOME', household: h, child: away, owned: r.chance(0.5) });
      if (h.planted === 'EXCESS_DWELLINGS' || h.planted === 'ASSISTANCE_EXCESS_DWELLINGS') slots.push({ purpose: 'EXTRA', household: h });
    }
    for (const g of this.groups) {
      if (g.kind === 'RENT') slots.push({ purpose: 'FLOATING_RENT', group: g });
      else if (g.kind === 'OWN') slots.push({ purpose: 'FLOATING_OWN', group: g });
      else if (g.kind === 'DORM') slots.push({ purpose: 'DORM', group: g });
      else if (g.kind === 'SHOP') slots.push({ purpose: 'SHOP', group: g });
    }
    const stochastic = (value: number) => Math.floor(value) + (r.chance(value - Math.floor(value)) ? 1 : 0);
    const vacant = stochastic(this.households.length * 0.06);
    for (let i = 0; i < vacant; i++) slots.push({ purpose: 'VACANT' });
    const shops = stochastic(this.households.length * 0.015);
    for (let i = 0; i < shops; i++) slots.push({ purpose: 'SHOP', group: null });
    r.shuffle(slots);

    const address = new AddressCursor(r, this.community, this.district.buildings);
    const landlords = new LandlordPool(r, this.households);
    const sinceBefore = (day: number) => Math.max(day - r.int(30, 10 * 365), 7305 /* 1990-01-01 */);
    for (const slot of slots) {
      const village = this.community.kind === 'VILLAGE';
      const use = slot.purpose === 'SHOP' ? (slot.group ? '06' : '02') : slot.purpose === 'DORM' ? (r.chance(0.3) ? '06' : '01') : r.chance(0.04) ? '06' : '01';
      const area =
        slot.purpose === 'DORM'
          ? r.int(8000, 16000) / 100
          : slot.purpose === 'SHOP'
            ? r.int(3000, 12000) / 100
            : village
              ? r.int(6000, 18000) / 100
              : Math.min(180, Math.max(30, 88 + 26 * r.normal()));
      const place = address.next();
      const dwelling: DwellingDraft = {
        id: `D${pad(++this.district.counters.dwelling, 8)}`,
        addressCode: place.code,
        address: place.text,
        use,
        area: money(Math.round(area * 100) / 100),
        purpose: slot.purpose,
        owners: [],
      };
      this.dwellings.push(dwelling);
      const own = (person: PersonDraft, share: string, since: number) => {
        dwelling.owners.push({ person, share, since: Math.min(TODAY - 1, Math.max(since, addYears(person.birthDay, 18))) });
        if (person.household) person.household.owned++;
      };
      const rentFrom = (tenants: PersonDraft[], start: number, rentalUse: string) => {
        const landlord = landlords.take(this.households, start);
        own(landlord, '1.0000', Math.min(sinceBefore(start), start - 1));
        for (const tenant of tenants) this.tenancies.push({ dwelling, tenant, landlord, use: rentalUse, start, end: null });
      };
      switch (slot.purpose) {
        case 'HOME': {
          const h = slot.household;
          h.home = dwelling;
          const spouse = h.members.find((m) => m.relation === '10');
          if (spouse && r.chance(0.55)) {
            own(h.head, '0.5000', h.movedIn);
            own(spouse, '0.5000', h.movedIn);
          } else own(h.head, '1.0000', h.movedIn);
          break;
        }
        case 'RENTED_HOME':
          slot.household.home = dwelling;
          rentFrom([slot.household.head], slot.household.movedIn, '02');
          break;
        case 'EXTRA':
          own(slot.household.head, '1.0000', TODAY - r.int(200, 10 * 365));
          break;
        case 'CHILD_HOME': {
          const start = TODAY - r.int(60, 6 * 365);
          slot.child.residence = dwelling;
          slot.child.residenceSince = Math.max(start, addYears(slot.child.birthDay, 18));
          if (slot.owned) own(slot.household.head, '1.0000', start);
          else rentFrom([slot.child], slot.child.residenceSince, '02');
          break;
        }
        case 'FLOATING_RENT':
          slot.group.dwelling = dwelling;
          rentFrom(
            slot.group.members.filter((m) => m.age >= 18),
            slot.group.movedIn,
            slot.group.members.length > 2 && r.chance(0.25) ? '01' : '02',
          );
          break;
        case 'FLOATING_OWN': {
          const [first, second] = slot.group.members;
          if (second && second.age >= 18 && r.chance(0.5)) {
            own(first, '0.5000', slot.group.movedIn);
            own(second, '0.5000', slot.group.movedIn);
          } else own(first, '1.0000', slot.group.movedIn);
          slot.group.dwelling = dwelling;
          break;
        }
        case 'DORM':
          slot.group.dwelling = dwelling; // unit-owned (单位宿舍): no personal owner in the register
          break;
        case 'SHOP':
          if (slot.group) {
            slot.group.dwelling = dwelling;
            rentFrom(
              slot.group.members.filter((m) => m.age >= 18),
              slot.group.movedIn,
              '03',
            );
          } else own(landlords.take(this.households, TODAY), '1.0000', TODAY - r.int(200, 12 * 365));
          break;
        case 'VACANT':
          own(landlords.take(this.households, TODAY), '1.0000', TODAY - r.int(200, 12 * 365));
          break;
      }
    }

    // Residences: members living with their household at its home, floating residents where their group lives.
    const hosts = this.households.filter((h) => h.tenure === 'OWN' && !h.planted);
    for (const h of this.households) {
      for (const m of h.members) {
        if (!m.livesWithHousehold) continue;
        m.residence = h.home;
        m.residenceSince = Math.max(m.birthDay, h.movedIn);
      }
    }
    for (const g of this.groups) {
      if (!g.dwelling) g.dwelling = (hosts.length ? r.pick(hosts) : r.pick(this.households)).home;
      for (const m of g.members) {
        m.residence = g.dwelling;
        m.residenceSince = Math.max(m.birthDay, g.movedIn);
      }
    }
  }

  private plantFloating(): void {
    const tenants = new Set(this.tenancies.filter((t) => t.tenant.populationType === 'FLOATING').map((t) => t.tenant));
    // Planted anomalies are taken from the upper half of person ids so that a first page ordered by id
    // (people(first: 10)) shows ordinary residents; the manifest is how tests find the anomalies.
    const candidates = this.random.shuffle([...tenants]).sort((a, b) => Number(b.id >= 'P8') - Number(a.id >= 'P8'));
    let next = 0;
    for (const kind of this.demands) {
      if (isHouseholdKind(kind)) continue;
      const person = candidates[next++];
      if (!person || this.dwellings.length < 2) {
        this.unplaced.push(kind);
        continue;
      }
      this.floatingPlants.set(person, kind);
    }
  }

  /* ---------- vehicles and key persons ---------- */

  private plate(): string {
    const r = this.random;
    for (;;) {
      const newEnergy = r.chance(0.22);
      let tail = '';
      if (newEnergy) tail = (r.chance(0.7) ? 'D' : 'F') + r.digits(4);
      else for (let i = 0; i < 5; i++) tail += i > 0 && i < 4 && r.chance(0.12) ? PLATE_ALNUM[r.int(0, PLATE_ALNUM.length - 1)] : String(r.int(0, 9));
      const plate = `津${PLATE_LETTERS[r.int(0, PLATE_LETTERS.length - 1)]}${tail}`;
      if (!this.district.plates.has(plate)) {
        this.district.plates.add(plate);
        return plate;
      }
    }
  }

  private vehicle(owner: PersonDraft, exempt: boolean): string {
    const r = this.random;
    const plate = this.plate();
    const newEnergy = /^津.[DF]\d{4}$/.test(plate);
    const vehicleType = exempt ? 'X99' : r.weighted(this.community.kind === 'VILLAGE' ? VILLAGE_VEHICLES : TOWN_VEHICLES);
    const earliest = Math.max(addYears(owner.birthDay, 18), TODAY - 15 * 365);
    this.push('vehicle', {
      id: `V${pad(++this.district.counters.vehicle, 8)}`,
      plate_number: plate,
      plate_type: newEnergy && !exempt ? '52' : '02',
      vehicle_type: vehicleType,
      owner_person_id: owner.id,
      exempt,
      exempt_reason: exempt ? EXEMPT_VEHICLE_REASON : null,
      registered_on: formatDay(r.int(Math.min(earliest, TODAY - 10), TODAY - 10)),
    });
    const count = this.vehicles.get(owner) ?? { exempt: 0, nonExempt: 0 };
    if (exempt) count.exempt++;
    else count.nonExempt++;
    this.vehicles.set(owner, count);
    return `V${pad(this.district.counters.vehicle, 8)}`;
  }

  private vehiclesAndKeyPersons(): void {
    const r = this.random;
    const alive = (m: PersonDraft) => m.deathDay === null;
    for (const h of this.households) {
      if (h.planted === 'NON_EXEMPT_VEHICLE') this.vehicle(h.head, false);
      if (h.planted === 'ASSISTANCE_NON_EXEMPT_VEHICLE') {
        const vehicleId = this.vehicle(h.head, false);
        this.note('assistanceHouseholdNonExemptVehicle', { householdId: h.id, personId: h.head.id, idNumber: h.head.idNumber, gridCode: this.grid.code, recordIds: [vehicleId] });
      }
      if (h.planted === 'ELIGIBLE_EXEMPT_VEHICLE')
        this.vehicle(
          h.members.find((m) => m.disability?.category === '4' && m.age >= 18)!,
          true,
        );
      if (h.planted || h.dibao || this.tekun.has(h)) continue;
      const drivers = h.members.filter((m) => alive(m) && m.age >= 18 && m.age <= 75);
      if (drivers.length && r.chance(0.27)) {
        this.vehicle(drivers.includes(h.head) ? h.head : drivers[0], false);
        if (r.chance(0.12)) this.vehicle(r.pick(drivers), false);
      }
      for (const m of h.members) {
        if (m.disability?.category === '4' && alive(m) && m.age >= 18 && m.age <= 80 && r.chance(0.3)) this.vehicle(m, true);
      }
    }
    const everyone = [...this.households.flatMap((h) => h.members), ...this.groups.flatMap((g) => g.members)];
    for (const person of everyone) {
      if (!alive(person) || person.age < 14 || !r.chance(0.006)) continue;
      const youth = person.age <= 25 && (person.age < 18 || r.chance(0.4));
      const caseNumber = caseOfSubject(this.district.counters.keyPerson);
      if (caseNumber) {
        this.push('investigation_case_subject', { case_number: caseNumber, person_id: person.id });
        this.note('investigationCaseSubjects', { caseNumber, personId: person.id, idNumber: person.idNumber, gridCode: person.residence ? this.grid.code : null });
      }
      this.push('key_person', {
        id: `K${pad(++this.district.counters.keyPerson, 8)}`,
        person_id: person.id,
        category: youth ? 'KEY_YOUTH' : r.weighted(KEY_CATEGORIES),
        attention_level: r.weighted(ATTENTION),
        registered_on: formatDay(Math.min(TODAY - 7, Math.max(addYears(person.birthDay, 14), TODAY - r.int(30, 8 * 365)))),
        grid_code: person.residence ? this.grid.code : null,
        active: r.chance(0.9),
      });
    }
  }

  /* ---------- civil affairs ---------- */

  private incomeOf(person: PersonDraft, profile: 'NORMAL' | 'LOW' | 'HIGH'): Income | null {
    const r = this.random;
    if (person.age < 18) return null;
    const village = this.community.kind === 'VILLAGE';
    let source: string;
    let base: number;
    if (person.age >= 60) {
      source = 'PENSION';
      const employeePension = profile === 'HIGH' || (profile === 'NORMAL' && r.chance(village ? 0.25 : 0.8));
      base = employeePension ? r.int(2600, 5500) : r.int(320, profile === 'LOW' ? 700 : 900);
    } else if (profile === 'LOW') {
      const roll = r.next();
      if (roll < 0.5) [source, base] = ['NONE', 0];
      else if (roll < 0.8) [source, base] = ['WAGE', r.int(600, 1400)];
      else [source, base] = ['AGRICULTURE', r.int(300, 900)];
    } else if (profile === 'HIGH') {
      [source, base] = ['WAGE', Math.max(MINIMUM_WAGE, Math.round(r.logNormal(6500, 0.3)))];
    } else if (person.age <= 22 && r.chance(0.6)) {
      [source, base] = ['NONE', 0];
    } else {
      const roll = r.next();
      if (village && roll < 0.35) [source, base] = ['AGRICULTURE', r.int(800, 3000)];
      else if (roll < (village ? 0.85 : 0.78)) [source, base] = ['WAGE', Math.max(MINIMUM_WAGE, Math.round(r.logNormal(5200, 0.4)))];
      else if (roll < (village ? 0.9 : 0.86)) [source, base] = ['BUSINESS', Math.max(1500, Math.round(r.logNormal(6000, 0.6)))];
      else [source, base] = ['NONE', 0];
    }
    const spread = source === 'WAGE' || source === 'BUSINESS' ? 0.05 : source === 'AGRICULTURE' ? 0.15 : 0;
    const amounts = INCOME_MONTHS.map((month) => {
      if (person.deathDay !== null && person.deathDay < month) return -1;
      return Math.round(base * (1 + spread * (2 * r.next() - 1)) * 100) / 100;
    });
    return { person, source, amounts };
  }

  /** Mean over the declared months of (household income / living members who live with the household). */
  private perCapita(h: HouseholdDraft, incomes: Income[]): number {
    const living = h.members.filter((m) => m.deathDay === null && m.livesWithHousehold).length || 1;
    let total = 0;
    for (const income of incomes) {
      if (!income.person.livesWithHousehold || income.person.deathDay !== null) continue;
      for (const amount of income.amounts) if (amount > 0) total += amount;
    }
    return Math.round((total / INCOME_MONTHS.length / living) * 100) / 100;
  }

  /** Scales declared incomes so that every month's per-capita income stays below (or above) a bound. */
  private bound(h: HouseholdDraft, incomes: Income[], limit: number, direction: 'BELOW' | 'ABOVE'): void {
    const living = h.members.filter((m) => m.deathDay === null && m.livesWithHousehold).length || 1;
    const monthly = INCOME_MONTHS.map((_, i) => incomes.reduce((sum, income) => sum + Math.max(0, income.amounts[i]), 0) / living);
    if (direction === 'BELOW') {
      const worst = Math.max(...monthly);
      if (worst <= limit) return;
      const factor = limit / worst;
      for (const income of incomes) income.amounts = income.amounts.map((a) => (a > 0 ? Math.floor(a * factor * 100) / 100 : a));
    } else {
      const worst = Math.min(...monthly);
      if (worst >= limit) return;
      let earners = incomes.filter((income) => income.source === 'WAGE' || income.source === 'PENSION');
      if (!earners.length) {
        const head = incomes.find((income) => income.person === h.head) ?? incomes[0];
        head.source = head.person.age >= 60 ? 'PENSION' : 'WAGE';
        head.amounts = head.amounts.map((a) => (a < 0 ? a : Math.max(a, 100)));
        earners = [head];
      }
      const earned = INCOME_MONTHS.map((_, i) => earners.reduce((sum, income) => sum + Math.max(0, income.amounts[i]), 0));
      const factor = Math.max(...INCOME_MONTHS.map((_, i) => (limit * living - (monthly[i] * living - earned[i])) / Math.max(1, earned[i]))) * 1.02;
      for (const income of earners) income.amounts = income.amounts.map((a) => (a > 0 ? Math.ceil(a * factor * 100) / 100 : a));
    }
  }

  private civilAffairs(): void {
    const r = this.random;
    for (const h of this.households) {
      const low = h.dibao || this.tekun.has(h) || (h.planted !== null && h.planted !== 'INCOME_ABOVE_STANDARD' && h.planted !== 'CLOSED_REJECTED');
      const high = h.planted === 'INCOME_ABOVE_STANDARD' || h.planted === 'CLOSED_REJECTED';
      const incomes = h.members.map((m) => this.incomeOf(m, high ? 'HIGH' : low ? 'LOW' : 'NORMAL')).filter((x): x is Income => x !== null);
      if (high) this.bound(h, incomes, CURRENT_STANDARD * 1.6, 'ABOVE');
      else if (h.planted && h.planted !== 'CLOSED_APPROVED' && h.planted !== 'DECEASED_WITH_ACTIVE_ASSISTANCE') this.bound(h, incomes, CURRENT_STANDARD * 0.6, 'BELOW');
      else if (h.dibao) this.bound(h, incomes, CURRENT_STANDARD * 0.85, 'BELOW');
      this.incomes.set(h, incomes);
      for (const income of incomes) {
        income.amounts.forEach((amount, i) => {
          if (amount < 0) return;
          this.push('income_declaration', { person_id: income.person.id, month: formatDay(INCOME_MONTHS[i]), amount: money(amount), source: income.source });
        });
      }

      const record = (person: PersonDraft, kind: string, amount: number, start: number, end: number | null, status: string) =>
        this.push('assistance_record', {
          person_id: person.id,
          household_id: h.id,
          kind,
          monthly_amount: money(amount),
          start_on: formatDay(start),
          end_on: end === null ? null : formatDay(end),
          status,
          grid_code: this.grid.code,
        });

      if (h.dibao) {
        const perCapita = this.perCapita(h, incomes);
        const amount = Math.max(0, Math.round((CURRENT_STANDARD - perCapita) * 100) / 100);
        let start = TODAY - r.int(60, 6 * 365);
        if (h.planted === 'CLOSED_APPROVED') {
          start = TODAY - r.int(40, 2 * 365);
          this.application(h, 'APPROVED', start);
        }
        if (h.planted === 'DECEASED_WITH_ACTIVE_ASSISTANCE') {
          const deceased = h.members.find((m) => m.deathDay !== null)!;
          start = Math.min(start, deceased.deathDay! - r.int(90, 3 * 365));
          this.note('deceasedWithActiveAssistance', { personId: deceased.id, idNumber: deceased.idNumber, householdId: h.id, deathDate: formatDay(deceased.deathDay!), gridCode: this.grid.code });
        }
        for (const m of h.members) {
          record(m, 'DIBAO', amount, Math.max(start, m.birthDay), null, 'ACTIVE');
          if (m.disability) record(m, 'CANJI_SHENGHUO', DISABILITY_LIVING_ALLOWANCE, Math.max(start, m.birthDay), null, 'ACTIVE');
        }
      } else if (this.tekun.has(h)) {
        record(h.head, 'TEKUN', TEKUN_MONTHLY, TODAY - r.int(60, 5 * 365), null, 'ACTIVE');
      } else if (this.formerDibao.has(h)) {
        const start = TODAY - r.int(3 * 365, 8 * 365);
        const end = start + r.int(365, 3 * 365);
        const amount = Math.round(standardOn(start) * r.int(25, 70)) / 100;
        for (const m of h.members) if (m.birthDay < start) record(m, 'DIBAO', amount, start, end, 'ENDED');
      }
      if (!h.planted) {
        for (const m of h.members) {
          if (m.disability && (m.disability.level === '1' || m.disability.level === '2') && m.deathDay === null && r.chance(0.6)) {
            record(m, 'CANJI_HULI', DISABILITY_CARE_ALLOWANCE, Math.max(m.birthDay, TODAY - r.int(30, 6 * 365)), null, 'ACTIVE');
          }
        }
      }
      if (h.planted && OPEN_APPLICATION_KINDS.has(h.planted)) this.application(h, r.weighted(OPEN_STATUS), TODAY);
      if (h.planted === 'CLOSED_REJECTED') this.application(h, 'REJECTED', TODAY - r.int(30, 365));
    }

    for (const h of this.households) {
      for (const m of h.members) {
        if (!m.disability) continue;
        const issued = r.int(Math.min(Math.max(m.birthDay + 365, TODAY - 9 * 365), TODAY - 31), TODAY - 30);
        this.push('disability_certificate', {
          person_id: m.id,
          certificate_number: `${m.idNumber}${m.disability.category}${m.disability.level}`,
          category: m.disability.category,
          level: m.disability.level,
          issued_on: formatDay(issued),
          valid_until: formatDay(addYears(issued, 10)),
        });
      }
    }
  }

  /** An application: open ones are dated relative to TODAY; an approved one is decided before `until` (its benefit start). */
  private application(h: HouseholdDraft, status: string, until: number): void {
    const r = this.random;
    const id = `A${pad(++this.district.counters.application, 8)}`;
    const kind = h.planted!;
    let applied: number;
    let verified: number | null = null;
    let investigated: number | null = null;
    let publicized: number | null = null;
    let decided: number | null = null;
    let authorization = true;
    if (status === 'APPROVED' || status === 'REJECTED') {
      applied = until - r.int(35, 60);
      verified = applied + r.int(1, 4);
      investigated = verified + r.int(3, 12);
      if (status === 'APPROVED') publicized = investigated + r.int(2, 5);
      decided = Math.min(until - 1, (publicized ?? investigated) + r.int(7, 12));
    } else {
      applied = TODAY - r.int(3, 40);
      if (status === 'INVESTIGATING') verified = Math.min(TODAY - 1, applied + r.int(1, 4));
      const given = this.district.authorized.get(kind) ?? 0;
      authorization = given < 2 || r.chance(0.85);
      if (authorization) this.district.authorized.set(kind, given + 1);
    }
    this.push('assistance_application', {
      id,
      applicant_person_id: h.head.id,
      household_id: h.id,
      kind: 'DIBAO',
      status,
      authorization_on_file: authorization,
      applied_on: formatDay(applied),
      verified_on: verified === null ? null : formatDay(verified),
      investigated_on: investigated === null ? null : formatDay(investigated),
      publicized_on: publicized === null ? null : formatDay(publicized),
      decided_on: decided === null ? null : formatDay(decided),
      // 不予批准 is explained in writing (社会救助暂行办法 Art. 11): the planted refusals are for income above the standard.
      decision_reason: status === 'REJECTED' ? '家庭人均收入高于当地最低生活保障标准' : null,
      grid_code: this.grid.code,
      // A 授权书 on file is kept as evidence (issue #15): numbered, signed on the day of 受理, the digest of its scan.
      authorization_document_number: authorization ? `津南民核授〔${formatDay(applied).slice(0, 4)}〕${id.slice(-6)}号` : null,
      authorization_signed_on: authorization ? formatDay(applied) : null,
      authorization_file_sha256: authorization ? createHash('sha256').update(`授权书扫描件 ${id}`).digest('hex') : null,
    });
    if (status === 'APPROVED' || status === 'REJECTED') {
      this.note('closedApplications', { applicationId: id, householdId: h.id, applicantPersonId: h.head.id, applicantIdNumber: h.head.idNumber, status });
      return;
    }
    const reasonsOf: Partial<Record<HouseholdPlantKind, IneligibilityReason[]>> = {
      INCOME_ABOVE_STANDARD: ['INCOME_ABOVE_STANDARD'],
      EXCESS_DWELLINGS: ['EXCESS_DWELLINGS'],
      NON_EXEMPT_VEHICLE: ['NON_EXEMPT_VEHICLE'],
      MEMBER_DECEASED: ['MEMBER_DECEASED'],
    };
    const entry: PlantedApplication = {
      applicationId: id,
      householdId: h.id,
      applicantPersonId: h.head.id,
      applicantIdNumber: h.head.idNumber,
      gridCode: this.grid.code,
      status,
      authorizationOnFile: authorization,
      memberCount: h.members.filter((m) => m.deathDay === null && m.livesWithHousehold).length,
      perCapitaMonthlyIncome: this.perCapita(h, this.incomes.get(h) ?? []),
      ownedDwellingCount: 0,
      nonExemptVehicleCount: 0,
      exemptVehicleCount: 0,
      expectedEligible: !reasonsOf[kind],
      expectedReasons: reasonsOf[kind] ?? [],
    };
    const owned = new Set(this.dwellings.filter((d) => d.owners.some((o) => o.person.household === h)).map((d) => d.id));
    entry.ownedDwellingCount = owned.size;
    for (const m of h.members) {
      const count = this.vehicles.get(m);
      entry.nonExemptVehicleCount += count?.nonExempt ?? 0;
      entry.exemptVehicleCount += count?.exempt ?? 0;
    }
    if (entry.ownedDwellingCount > DWELLING_LIMIT !== (kind === 'EXCESS_DWELLINGS')) throw new Error(`planted ${kind} household ${h.id} owns ${entry.ownedDwellingCount} dwellings`);
    const key =
      kind === 'ELIGIBLE' || kind === 'ELIGIBLE_EXEMPT_VEHICLE'
        ? 'eligibleApplications'
        : kind === 'INCOME_ABOVE_STANDARD'
          ? 'incomeAboveStandard'
          : kind === 'EXCESS_DWELLINGS'
            ? 'excessDwellings'
            : kind === 'NON_EXEMPT_VEHICLE'
              ? 'nonExemptVehicle'
              : 'memberDeceased';
    this.note(key, entry);
  }

  /* ---------- rows ---------- */

  private emitPeople(): void {
    for (const h of this.households) {
      this.push('household', {
        id: h.id,
        household_number: h.number,
        hukou_region_code: this.community.code,
        dwelling_id: h.home?.id ?? null,
        grid_code: this.grid.code,
        registered_on: formatDay(h.registeredOn),
      });
    }
    for (const h of this.households) for (const m of h.members) this.personRow(m);
    for (const g of this.groups) for (const m of g.members) this.personRow(m);
  }

  private personRow(p: PersonDraft): void {
    this.push('person', {
      id: p.id,
      id_number: p.idNumber,
      name: p.name,
      gender: p.gender,
      birth_date: formatDay(p.birthDay),
      ethnicity: p.ethnicity,
      phone: p.phone,
      population_type: p.populationType,
      hukou_region_code: p.hukouRegionCode,
      death_date: p.deathDay === null ? null : formatDay(p.deathDay),
      household_id: p.household?.id ?? null,
      relation_to_head: p.relation,
      lives_with_household: p.livesWithHousehold,
      residence_dwelling_id: p.residence?.id ?? null,
      residence_grid_code: p.residence ? this.grid.code : null,
      residence_since: p.residenceSince === null ? null : formatDay(p.residenceSince),
    });
  }

  private emitHousing(): void {
    for (const d of this.dwellings) {
      this.push('dwelling', {
        id: d.id,
        address_code: d.addressCode,
        address: d.address,
        building_use: d.use,
        area: d.area,
        region_code: this.community.code,
        grid_code: this.grid.code,
      });
      this.push('dwelling_grid', { dwelling_id: d.id, grid_code: this.grid.code, assigned_on: formatDay(this.grid.assignedOn) });
    }
    for (const d of this.dwellings) {
      for (const owner of d.owners) this.push('ownership', { dwelling_id: d.id, owner_person_id: owner.person.id, share: owner.share, registered_on: formatDay(owner.since) });
    }
  }

  /** Police registrations of floating residents (with the planted gaps) and the tenancy rows. */
  private registrations(): void {
    const r = this.random;
    const others = this.dwellings.filter((d) => d.purpose === 'VACANT' || d.purpose === 'FLOATING_RENT');
    const tenancyOf = new Map(this.tenancies.map((t) => [t.tenant, t]));
    // The 房东 the police record at registration: the landlord of the rented dwelling (minors included, who sign no tenancy).
    const landlordOf = new Map(this.tenancies.map((t) => [t.dwelling, t.landlord]));
    const extraTenancies: Tenancy[] = [];
    for (const g of this.groups) {
      for (const person of g.members) {
        const plant = this.floatingPlants.get(person);
        const tenancy = tenancyOf.get(person);
        if (plant === 'TENANT_WITHOUT_REGISTRATION') {
          this.note('tenantWithoutFloatingRegistration', {
            personId: person.id,
            idNumber: person.idNumber,
            dwellingId: tenancy!.dwelling.id,
            landlordPersonId: tenancy!.landlord.id,
            gridCode: this.grid.code,
          });
          continue;
        }
        const dwelling = g.dwelling!;
        let registeredOn = Math.min(TODAY - 1, Math.max(g.movedIn, person.birthDay) + r.int(0, 20));
        if (plant === 'FLOATING_REGISTERED_ELSEWHERE') {
          const pool = others.filter((d) => d !== dwelling);
          const previous = pool.length ? r.pick(pool) : this.dwellings.find((d) => d !== dwelling)!;
          const previousStart = Math.max(TODAY - 5 * 365 + 30, tenancy!.start - r.int(200, 700));
          if (tenancy!.start - previousStart < 30) tenancy!.start = Math.min(TODAY - 20, previousStart + 60);
          person.residenceSince = tenancy!.start;
          registeredOn = previousStart + r.int(0, 10);
          const landlord = previous.owners[0]?.person;
          if (landlord) extraTenancies.push({ dwelling: previous, tenant: person, landlord, use: '02', start: previousStart, end: tenancy!.start - r.int(1, 10) });
          const registrationId = this.registration(person, g, previous, registeredOn, landlord ?? null);
          this.note('floatingRegisteredElsewhere', {
            registrationId,
            personId: person.id,
            idNumber: person.idNumber,
            registeredDwellingId: previous.id,
            residenceDwellingId: dwelling.id,
            gridCode: this.grid.code,
          });
          continue;
        }
        this.registration(person, g, dwelling, registeredOn, landlordOf.get(dwelling) ?? null);
      }
    }
    for (const t of [...this.tenancies, ...extraTenancies]) {
      this.push('tenancy', {
        dwelling_id: t.dwelling.id,
        tenant_person_id: t.tenant.id,
        landlord_person_id: t.landlord.id,
        rental_use: t.use,
        start_on: formatDay(t.start),
        end_on: t.end === null ? null : formatDay(t.end),
      });
    }
  }

  private registration(person: PersonDraft, group: FloatingGroupDraft, dwelling: DwellingDraft, registeredOn: number, landlord: PersonDraft | null): string {
    const r = this.random;
    const id = `F${pad(++this.district.counters.floating, 8)}`;
    const residencePermit = r.chance(0.85);
    const yearsRegistered = Math.floor((TODAY - registeredOn) / 365.25);
    // The most recent anniversary of registration: when the yearly 签注 was due.
    const lastAnniversary = addYears(registeredOn, yearsRegistered);
    let expires: number;
    let endorsed: number | null = residencePermit ? Math.min(TODAY, lastAnniversary + r.int(-5, 10)) : null;
    if (endorsed !== null && endorsed < registeredOn) endorsed = registeredOn;
    const roll = r.next();
    let reason: 'PERMIT_EXPIRED' | 'ENDORSEMENT_MISSED' | null = null;
    if (roll < 0.08) expires = TODAY + r.int(0, 30);
    else if (roll < 0.15 && TODAY - registeredOn > 400) {
      expires = TODAY - r.int(1, Math.min(365, TODAY - registeredOn - 30));
      if (endorsed !== null && endorsed > expires) endorsed = Math.max(registeredOn, Math.min(addYears(lastAnniversary, -1), expires - 1));
    } else if (roll < 0.25 && residencePermit && yearsRegistered >= 2) {
      endorsed = addYears(registeredOn, r.int(0, yearsRegistered - 2)) + r.int(0, 10);
      expires = TODAY + r.int(31, 3 * 365);
    } else expires = residencePermit ? TODAY + r.int(31, 3 * 365) : Math.max(TODAY + 31, addYears(registeredOn, yearsRegistered + 1));
    if (expires < TODAY) reason = 'PERMIT_EXPIRED';
    else if (endorsed !== null && endorsed < addYears(TODAY, -1)) reason = 'ENDORSEMENT_MISSED';
    const inflow = this.inflow.get(person) ?? '01';
    const permitType = residencePermit ? '01' : '02';
    const permitNumber = `${residencePermit ? 'JZZ' : 'ZZZ'}${DISTRICT.code}${yearOf(registeredOn)}${pad(this.district.counters.floating % 1_000_000, 6)}`;
    this.push('floating_registration', {
      id,
      person_id: person.id,
      dwelling_id: dwelling.id,
      grid_code: this.grid.code,
      hukou_region_code: group.originCode,
      inflow_reason: inflow,
      residence_type: group.residenceType,
      permit_type: permitType,
      permit_number: permitNumber,
      registered_on: formatDay(registeredOn),
      permit_expires_on: formatDay(expires),
      last_endorsed_on: endorsed === null ? null : formatDay(endorsed),
      status: 'ACTIVE',
      registrant_name: person.name,
      landlord_person_id: landlord?.id ?? null,
    });
    if (reason) {
      this.note('lapsedPermitStillActive', {
        registrationId: id,
        personId: person.id,
        idNumber: person.idNumber,
        permitType,
        permitExpiresOn: formatDay(expires),
        lastEndorsedOn: endorsed === null ? null : formatDay(endorsed),
        reason,
        gridCode: this.grid.code,
      });
    }
    return id;
  }

  private emitManifestFacts(): void {
    for (const h of this.households) {
      if (h.composition === 'SINGLE_OLDEST' && h.head.deathDay === null) {
        this.note('elderlyLivingAlone', { personId: h.head.id, idNumber: h.head.idNumber, householdId: h.id, age: h.head.age, gridCode: this.grid.code });
      }
      if (h.planted === 'ASSISTANCE_EXCESS_DWELLINGS') {
        const owned = this.dwellings
          .filter((d) => d.owners.some((o) => o.person.household === h))
          .map((d) => d.id)
          .sort();
        if (owned.length <= DWELLING_LIMIT) throw new Error(`planted ${h.planted} household ${h.id} owns ${owned.length} dwellings`);
        this.note('assistanceHouseholdExcessDwellings', { householdId: h.id, personId: h.head.id, idNumber: h.head.idNumber, gridCode: this.grid.code, recordIds: owned });
      }
    }
  }
}

const TOWN_VEHICLES = weightedTable<string>([
  ['K33', 70],
  ['K31', 25],
  ['H31', 5],
]);
const VILLAGE_VEHICLES = weightedTable<string>([
  ['K33', 55],
  ['K31', 25],
  ['H31', 20],
]);

/**
 * Owners of rented and vacant dwellings: heads (or spouses) of owner-occupying households that are not
 * on assistance and carry no planted case, each owning at most two dwellings besides their home.
 */
class LandlordPool {
  private readonly pool: Array<{ household: HouseholdDraft; capacity: number }>;
  private cursor = 0;

  constructor(
    private readonly random: Random,
    households: HouseholdDraft[],
  ) {
    this.pool = random
      .shuffle(households.filter((h) => h.tenure === 'OWN' && !h.planted && !h.dibao && h.head.deathDay === null && h.composition !== 'SINGLE_OLDEST'))
      .map((household) => ({ household, capacity: random.chance(0.35) ? 2 : 1 }));
  }

  take(all: HouseholdDraft[], before: number): PersonDraft {
    for (let tries = 0; tries < this.pool.length; tries++) {
      const entry = this.pool[this.cursor++ % this.pool.length];
      if (entry.capacity <= 0) continue;
      entry.capacity--;
      const spouse = entry.household.members.find((m) => m.relation === '10' && m.deathDay === null);
      const owner = spouse && this.random.chance(0.3) ? spouse : entry.household.head;
      if (addYears(owner.birthDay, 20) < before) return owner;
      return entry.household.head;
    }
    // A grid too small to have enough landlords: an adult of any household without a planted case.
    const fallback = all
      .filter((h) => !h.planted)
      .flatMap((h) => h.members)
      .filter((m) => m.age >= 20);
    return fallback.length ? this.random.pick(fallback) : all[0].head;
  }
}

/**
 * Standard addresses inside a community, one building (楼) or village row (排) after another. Each grid
 * starts a new building; building numbers continue across the grids of a community.
 */
class AddressCursor {
  private building = 0;
  private units = 0;
  private floors = 0;
  private perFloor = 0;
  private position = 0;
  private capacity = 0;

  constructor(
    private readonly random: Random,
    private readonly community: CommunityPlan,
    private readonly buildings: Map<string, number>,
  ) {}

  private newBuilding(): void {
    const r = this.random;
    this.building = (this.buildings.get(this.community.code) ?? 0) + 1;
    this.buildings.set(this.community.code, this.building);
    if (this.building > 999) throw new Error(`community ${this.community.code} ran out of 3-digit building numbers`);
    if (this.community.kind === 'VILLAGE') {
      this.units = 1;
      this.floors = 1;
      this.perFloor = r.int(10, 24);
    } else {
      this.units = r.int(2, 4);
      this.floors = r.pick([6, 6, 6, 11, 11, 18, 18, 26]);
      this.perFloor = 2;
    }
    this.position = 0;
    this.capacity = this.units * this.floors * this.perFloor;
  }

  next(): { code: string; text: string } {
    if (this.position >= this.capacity) this.newBuilding();
    const p = this.position++;
    const street = this.community.street.name;
    const prefix = `天津市津南区${street}${this.community.addressName}`;
    const building = pad(this.building, 3);
    if (this.community.kind === 'VILLAGE') {
      const house = p + 1;
      return { code: `${this.community.code}${building}01${pad(house, 4)}`, text: `${prefix}${this.building}排${house}号` };
    }
    const perUnit = this.floors * this.perFloor;
    const unit = Math.floor(p / perUnit) + 1;
    const floor = Math.floor((p % perUnit) / this.perFloor) + 1;
    const room = floor * 100 + (p % this.perFloor) + 1;
    return { code: `${this.community.code}${building}${pad(unit, 2)}${pad(room, 4)}`, text: `${prefix}${this.building}号楼${unit}单元${room}` };
  }
}
