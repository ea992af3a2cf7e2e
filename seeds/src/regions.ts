/**
 * The region tree of the synthetic district: 天津市津南区 → its 15 real streets/towns (STREETS, 2023
 * 统计用区划代码) → SYNTHETIC communities (street code + 001–199 居委会 / 200–399 村委会) → grids
 * (community code + 3-digit number) of about 400 households each. The number of communities and grids
 * scales with the number of households; every street has at least one community and one grid, and even the smallest
 * district has a community of two grids (MIN_GRIDS).
 */
import { DISTRICT, STREETS } from '@hub/domain';
import { dayOf } from './dates';
import { estateSuffix, fullName, mobilePhone, residentialBaseName, villageBaseName } from './names';
import { Random } from './random';
import type { Row } from './tables';

export const HOUSEHOLDS_PER_GRID_TARGET = 400;
export const GRIDS_PER_COMMUNITY_TARGET = 2.5;
/**
 * The fewest grids a district gets: one for every street, and one more, which the largest street (咸水沽镇) takes as
 * the second grid of its one community. A 网格 is a subdivision of a 社区, and a boundary change (网格划分调整) moves
 * dwellings between grids of one community; with a grid per street, a small district (the tests', the 20,000-resident
 * demo) would have no community of two grids to move them between.
 */
export const MIN_GRIDS = STREETS.length + 1;

export type StreetKind = 'SUBDISTRICT' | 'TOWN' | 'AREA';
export type CommunityKind = 'RESIDENTIAL' | 'VILLAGE';

export interface StreetPlan {
  code: string;
  name: string;
  kind: StreetKind;
  communities: CommunityPlan[];
}

export interface CommunityPlan {
  code: string;
  /** 金桥社区居委会 / 李家台村委会 */
  name: string;
  kind: CommunityKind;
  /** The estate (小区) or village in addresses: 金桥花园 / 李家台村 */
  addressName: string;
  /** Used in grid names: 金桥社区 / 李家台村 */
  shortName: string;
  street: StreetPlan;
  grids: GridPlan[];
}

export interface GridPlan {
  index: number;
  code: string;
  name: string;
  community: CommunityPlan;
  /** Households of this grid: [householdStart, householdStart + householdCount) of the district's household list. */
  householdStart: number;
  householdCount: number;
  floatingCount: number;
  /** The day the grid's dwellings were assigned to it (网格划分). */
  assignedOn: number;
}

/**
 * Relative population of the streets, used only to spread grids [I]: the towns are larger than the three
 * 街道, the development zones and the agricultural park are small.
 */
const STREET_WEIGHT: Record<string, number> = {
  '120112001': 1.0,
  '120112002': 0.8,
  '120112003': 0.8,
  '120112100': 2.5,
  '120112101': 1.2,
  '120112102': 1.3,
  '120112103': 1.5,
  '120112104': 1.0,
  '120112106': 1.0,
  '120112107': 1.2,
  '120112108': 0.9,
  '120112403': 0.4,
  '120112404': 0.3,
  '120112405': 0.3,
  '120112501': 0.2,
};

/** Development zones draw more migrant workers per household [I]. */
const FLOATING_WEIGHT: Record<string, number> = { '120112404': 2.5, '120112405': 2.5, '120112501': 0.6 };

export function streetKind(code: string): StreetKind {
  const town = Number(code.slice(6));
  if (town < 100) return 'SUBDISTRICT';
  if (town < 200) return 'TOWN';
  return 'AREA';
}

/** Probability that a community (after the first) of the street is a village. */
function villageShare(street: { code: string; kind: StreetKind }): number {
  if (street.code === '120112501') return 1;
  if (street.code === '120112404' || street.code === '120112405' || street.kind === 'SUBDISTRICT') return 0;
  return street.code === '120112403' ? 0.4 : 0.45;
}

/** Largest-remainder apportionment of `total` by `weights`, each share at least `minimum`. */
export function apportion(total: number, weights: readonly number[], minimum = 0): number[] {
  const shares = weights.map(() => minimum);
  const rest = total - minimum * weights.length;
  if (rest < 0) throw new Error(`cannot give ${weights.length} shares at least ${minimum} out of ${total}`);
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (rest * w) / sum);
  let given = 0;
  exact.forEach((value, i) => {
    shares[i] += Math.floor(value);
    given += Math.floor(value);
  });
  const order = exact.map((value, i) => [value - Math.floor(value), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; k < rest - given; k++) shares[order[k][1]]++;
  return shares;
}

export interface RegionPlan {
  streets: StreetPlan[];
  grids: GridPlan[];
}

/** Splits `households` and `floating` residents over a tree of streets, communities and grids. */
export function planRegions(random: Random, households: number, floating: number): RegionPlan {
  const gridCount = Math.max(MIN_GRIDS, Math.round(households / HOUSEHOLDS_PER_GRID_TARGET));
  if (households < gridCount) throw new Error(`${households} households cannot fill ${gridCount} grids`);
  const gridsPerStreet = apportion(
    gridCount,
    STREETS.map(({ code }) => STREET_WEIGHT[code] ?? 1),
    1,
  );
  const usedNames = new Set<string>();
  const uniqueName = (make: () => string) => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const name = make();
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
    let n = 2;
    const base = make();
    while (usedNames.has(`${base}${n}`)) n++;
    usedNames.add(`${base}${n}`);
    return `${base}${n}`;
  };

  const streets: StreetPlan[] = [];
  const grids: GridPlan[] = [];
  STREETS.forEach((street, s) => {
    const plan: StreetPlan = { code: street.code, name: street.name, kind: streetKind(street.code), communities: [] };
    streets.push(plan);
    const streetGrids = gridsPerStreet[s];
    const communityCount = Math.max(1, Math.round(streetGrids / GRIDS_PER_COMMUNITY_TARGET));
    const gridsPerCommunity = apportion(streetGrids, new Array(communityCount).fill(1), 1);
    let residentialNumber = 0;
    let villageNumber = 199;
    for (let c = 0; c < communityCount; c++) {
      const share = villageShare(plan);
      // The first community of a town is usually its seat (a 居委会), but not always.
      const village = share >= 1 || random.chance(c > 0 ? share : share * 0.7);
      const number = village ? ++villageNumber : ++residentialNumber;
      if (residentialNumber > 199 || villageNumber > 399) throw new Error(`street ${street.code} would need more than 199 communities of one kind`);
      const code = `${street.code}${String(number).padStart(3, '0')}`;
      const community: CommunityPlan = village
        ? (() => {
            const base = uniqueName(() => villageBaseName(random));
            return { code, name: `${base}村委会`, kind: 'VILLAGE', addressName: `${base}村`, shortName: `${base}村`, street: plan, grids: [] };
          })()
        : (() => {
            const base = uniqueName(() => residentialBaseName(random));
            return { code, name: `${base}社区居委会`, kind: 'RESIDENTIAL', addressName: base + estateSuffix(random), shortName: `${base}社区`, street: plan, grids: [] };
          })();
      plan.communities.push(community);
      for (let g = 1; g <= gridsPerCommunity[c]; g++) {
        const grid: GridPlan = {
          index: grids.length,
          code: `${code}${String(g).padStart(3, '0')}`,
          name: `${street.name}${community.shortName}第${g}网格`,
          community,
          householdStart: 0,
          householdCount: 0,
          floatingCount: 0,
          // Grids were drawn in 2020–2022 [I]; a dwelling's assignment dates from then.
          assignedOn: dayOf(2020, 1, 1) + random.int(0, 3 * 365),
        };
        community.grids.push(grid);
        grids.push(grid);
      }
    }
  });

  // Households spread evenly so every grid holds about the same number (300–500 once N is large enough).
  grids.forEach((grid, g) => {
    grid.householdStart = Math.floor((g * households) / grids.length);
    grid.householdCount = Math.floor(((g + 1) * households) / grids.length) - grid.householdStart;
  });
  const floatingShares = apportion(
    floating,
    grids.map((grid) => grid.householdCount * (FLOATING_WEIGHT[grid.community.street.code] ?? 1)),
  );
  grids.forEach((grid, g) => (grid.floatingCount = floatingShares[g]));
  return { streets, grids };
}

export function regionRows(plan: RegionPlan): Row[] {
  const rows: Row[] = [{ code: DISTRICT.code, name: DISTRICT.name, level: 'DISTRICT', parent_code: null }];
  for (const street of plan.streets) rows.push({ code: street.code, name: street.name, level: 'STREET', parent_code: DISTRICT.code });
  for (const street of plan.streets) {
    for (const community of street.communities) rows.push({ code: community.code, name: community.name, level: 'COMMUNITY', parent_code: street.code });
  }
  return rows;
}

export function gridRows(plan: RegionPlan): Row[] {
  return plan.grids.map((grid) => ({ code: grid.code, name: grid.name, region_code: grid.community.code }));
}

/** One 网格长 (GRID_LEADER) and one to three 网格员 (GRID_WORKER) per grid. */
export function gridWorkerRows(random: Random, plan: RegionPlan): Row[] {
  const rows: Row[] = [];
  for (const grid of plan.grids) {
    const workers = 1 + random.int(1, 3);
    for (let w = 0; w < workers; w++) {
      const gender = random.chance(0.6) ? '2' : '1';
      const birthYear = random.int(1968, 2000);
      rows.push({
        id: `W${String(rows.length + 1).padStart(8, '0')}`,
        grid_code: grid.code,
        name: fullName(random, gender, birthYear),
        phone: mobilePhone(random),
        role: w === 0 ? 'GRID_LEADER' : 'GRID_WORKER',
      });
    }
  }
  return rows;
}
