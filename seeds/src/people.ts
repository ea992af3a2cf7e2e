/**
 * Persons and households as the generator builds them before they become rows: household compositions,
 * unique GB 11643 ID numbers, names, ages and phones.
 */
import { makeIdNumber, personIdFor } from '@hub/domain';
import { TODAY, yearOf, yearsAgo } from './dates';
import { mobilePhone, pickGivenName, pickSurname } from './names';
import type { HouseholdPlantKind } from './plant-kinds';
import { hash32, Random, weightedTable } from './random';

export type Gender = '1' | '2';

/** Household templates with their share of registered households [I, shaped on 2020 census household sizes]. */
export const COMPOSITIONS = [
  { key: 'SINGLE_ADULT', size: 1, weight: 9 },
  { key: 'SINGLE_ELDERLY', size: 1, weight: 5 },
  /** 80 and over, living alone. */
  { key: 'SINGLE_OLDEST', size: 1, weight: 2.5 },
  { key: 'COUPLE_YOUNG', size: 2, weight: 9 },
  { key: 'COUPLE_ELDERLY', size: 2, weight: 13 },
  { key: 'COUPLE_ONE_CHILD', size: 3, weight: 26 },
  { key: 'COUPLE_TWO_CHILDREN', size: 4, weight: 12 },
  { key: 'SINGLE_PARENT', size: 2, weight: 4 },
  /** Couple, a child and one parent of the head. */
  { key: 'THREE_GENERATIONS_4', size: 4, weight: 6 },
  { key: 'THREE_GENERATIONS_5', size: 5, weight: 5 },
  { key: 'THREE_GENERATIONS_6', size: 6, weight: 2 },
  /** Older couple, their son and a grandchild. */
  { key: 'GRANDPARENTS_GRANDCHILD', size: 4, weight: 3 },
  /** Couple and an adult child registered with them but living elsewhere (lives_with_household false). */
  { key: 'COUPLE_CHILD_AWAY', size: 3, weight: 4 },
] as const;

export type CompositionKey = (typeof COMPOSITIONS)[number]['key'];
export const COMPOSITION_TABLE = weightedTable(COMPOSITIONS.map((c, i) => [i, c.weight] as const));

/** Picks household compositions (as indexes into COMPOSITIONS) until they hold exactly `persons` people. */
export function sampleCompositions(random: Random, persons: number, minimumHouseholds: number): Uint8Array {
  const picked: number[] = [];
  let remaining = persons;
  while (remaining > 0) {
    // Leave room for enough single-person households to give every grid at least one household.
    const maxSize = Math.max(1, remaining - Math.max(0, minimumHouseholds - picked.length - 1));
    let index = random.weighted(COMPOSITION_TABLE);
    if (COMPOSITIONS[index].size > maxSize) {
      const fitting = COMPOSITIONS.map((c, i) => [c, i] as const).filter(([c]) => c.size === Math.min(maxSize, 4) && c.key !== 'COUPLE_CHILD_AWAY');
      index = fitting[0][1];
    }
    picked.push(index);
    remaining -= COMPOSITIONS[index].size;
  }
  return Uint8Array.from(picked);
}

/**
 * Hands out GB 11643 sequence numbers so that no two persons share an ID number: per address code, birth
 * date and sex a counter walks a permutation of the 500 odd (male) or 499 even (female, never 000) values.
 */
export class IdNumberAllocator {
  private readonly used = new Map<string, number>();

  /** Returns a unique ID number and the birth day it encodes (moved by a day if that date is exhausted). */
  allocate(addressCode: string, birthDay: number, gender: Gender): { idNumber: string; birthDay: number } {
    for (let shift = 0; ; shift++) {
      const day = birthDay + (shift % 2 === 0 ? shift / 2 : -(shift + 1) / 2);
      const key = `${addressCode}${day}${gender}`;
      const count = this.used.get(key) ?? 0;
      const capacity = gender === '1' ? 500 : 499;
      if (count >= capacity) continue;
      this.used.set(key, count + 1);
      const slot = (hash32(key) + count * 37) % capacity;
      const sequence = gender === '1' ? 2 * slot + 1 : 2 * (slot + 1);
      return { idNumber: makeIdNumber(addressCode, isoDay(day), sequence), birthDay: day };
    }
  }
}

function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export interface HouseholdDraft {
  index: number;
  id: string;
  number: string;
  composition: CompositionKey;
  members: PersonDraft[];
  head: PersonDraft;
  registeredOn: number;
  /** When the household moved into its current home. */
  movedIn: number;
  village: boolean;
  tenure: 'OWN' | 'RENT';
  home: DwellingDraft | null;
  dibao: boolean;
  /** Set when the household carries a planted case; random events then leave it alone. */
  planted: HouseholdPlantKind | null;
  /** Dwellings owned by members. */
  owned: number;
}

export interface FloatingGroupDraft {
  kind: 'RENT' | 'DORM' | 'BORROW' | 'LODGE' | 'OWN' | 'SHOP';
  residenceType: string;
  members: PersonDraft[];
  movedIn: number;
  dwelling: DwellingDraft | null;
  originCode: string;
}

export interface DwellingDraft {
  id: string;
  addressCode: string;
  address: string;
  use: string;
  area: string;
  purpose: 'HOME' | 'RENTED_HOME' | 'CHILD_HOME' | 'FLOATING_RENT' | 'FLOATING_OWN' | 'DORM' | 'VACANT' | 'SHOP' | 'EXTRA';
  owners: Array<{ person: PersonDraft; share: string; since: number }>;
}

export interface PersonDraft {
  id: string;
  idNumber: string;
  name: string;
  surname: string;
  gender: Gender;
  birthDay: number;
  age: number;
  ethnicity: string;
  phone: string | null;
  populationType: 'REGISTERED' | 'FLOATING';
  hukouRegionCode: string;
  deathDay: number | null;
  household: HouseholdDraft | null;
  relation: string | null;
  livesWithHousehold: boolean;
  residence: DwellingDraft | null;
  residenceSince: number | null;
  group: FloatingGroupDraft | null;
  disability: { category: string; level: string } | null;
}

const ETHNICITY = weightedTable<string>([
  ['01', 960],
  ['03', 18],
  ['11', 12],
  ['02', 6],
  ['08', 4],
]);

/** A birth day at which a person is between minAge and maxAge (inclusive) on TODAY. */
export function birthDayForAge(random: Random, minAge: number, maxAge: number): number {
  const earliest = yearsAgo(maxAge + 1) + 1;
  const latest = Math.min(yearsAgo(minAge), TODAY - 1);
  return random.int(earliest, latest);
}

export class PersonFactory {
  constructor(
    private readonly random: Random,
    private readonly ids: IdNumberAllocator,
    private readonly secret: string,
  ) {}

  create(options: { addressCode: string; gender: Gender; birthDay: number; surname?: string; populationType: 'REGISTERED' | 'FLOATING'; hukouRegionCode: string; ethnicity?: string }): PersonDraft {
    const random = this.random;
    const { idNumber, birthDay } = this.ids.allocate(options.addressCode, options.birthDay, options.gender);
    const surname = options.surname ?? pickSurname(random);
    const birthYear = yearOf(birthDay);
    const age = ageFromDays(birthDay);
    return {
      id: personIdFor(idNumber, this.secret),
      idNumber,
      name: surname + pickGivenName(random, options.gender, birthYear),
      surname,
      gender: options.gender,
      birthDay,
      age,
      ethnicity: options.ethnicity ?? random.weighted(ETHNICITY),
      phone: age >= 14 ? mobilePhone(random) : null,
      populationType: options.populationType,
      hukouRegionCode: options.hukouRegionCode,
      deathDay: null,
      household: null,
      relation: null,
      livesWithHousehold: true,
      residence: null,
      residenceSince: null,
      group: null,
      disability: null,
    };
  }

  ethnicity(): string {
    return this.random.weighted(ETHNICITY);
  }
}

function ageFromDays(birthDay: number): number {
  let age = yearOf(TODAY) - yearOf(birthDay);
  if (yearsAgo(age) < birthDay) age--;
  return age;
}
