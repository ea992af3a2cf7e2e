/**
 * The synthetic district of 天津市津南区: a plan (regions, grids, household compositions, where the planted
 * cases go) and the rows, produced grid by grid so that a loader can stream 2,000,000 residents in bounded
 * memory. Same residents and seed → the same rows in the same order.
 */
import { personIdSecret as defaultPersonIdSecret } from '@hub/domain';
import { SEED_TODAY } from './dates';
import { gridEventRows, type RosterWorker } from './events';
import { GridChunkBuilder, type DistrictContext } from './grid-chunk';
import { investigationCaseRows, jurisdictionOf, SEEDED_INVESTIGATION_CASES } from './investigation-cases';
import { IdNumberAllocator, sampleCompositions } from './people';
import { emptyPlanted, mergePlanted, type Planted } from './planted';
import { plantCounts, type PlantKind } from './plant-kinds';
import { Random } from './random';
import { gridRows, gridWorkerRows, planRegions, regionRows, type RegionPlan } from './regions';
import { CURRENT_STANDARD, subsistenceStandardRows } from './standards';
import { emptyCounts, TABLE_KEYS, type Row, type TableKey, type TableRows } from './tables';

export const DEFAULT_RESIDENTS = 20_000;
export const DEFAULT_SEED = 20261125;
export const MIN_RESIDENTS = 100;
export const MAX_RESIDENTS = 2_000_000;
/** Share of FLOATING residents (流动人口) among all residents. */
export const FLOATING_SHARE = 0.15;

export interface DistrictOptions {
  residents: number;
  seed: number;
  /** Key for person ids (personIdFor); defaults to PERSON_ID_SECRET or the demo secret. */
  personIdSecret?: string;
}

export interface DistrictPlan {
  residents: number;
  seed: number;
  registered: number;
  floating: number;
  households: number;
  compositions: Uint8Array;
  regions: RegionPlan;
  /** Planted cases per grid index. */
  demands: PlantKind[][];
  plantCounts: Record<PlantKind, number>;
}

export interface DistrictChunk {
  rows: TableRows;
  planted: Partial<Planted>;
  /** Residents and households in this chunk (0 for the region chunk). */
  residents: number;
  households: number;
}

/** A district that can be generated (again and again, identically) one chunk at a time. */
export interface District {
  options: Required<DistrictOptions>;
  plan: DistrictPlan;
  chunks(): Generator<DistrictChunk>;
}

export function validateDistrictOptions(options: DistrictOptions): Required<DistrictOptions> {
  const { residents, seed } = options;
  if (!Number.isInteger(residents) || residents < MIN_RESIDENTS || residents > MAX_RESIDENTS) {
    throw new RangeError(`residents must be an integer between ${MIN_RESIDENTS} and ${MAX_RESIDENTS}, got ${residents}`);
  }
  if (!Number.isInteger(seed) || seed < 0) throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
  return { residents, seed, personIdSecret: options.personIdSecret ?? defaultPersonIdSecret() };
}

export function planDistrict(options: DistrictOptions): DistrictPlan {
  const { residents, seed } = validateDistrictOptions(options);
  const random = new Random(seed, 'plan');
  const floating = Math.round(residents * FLOATING_SHARE);
  const registered = residents - floating;
  const compositions = sampleCompositions(random, registered, 15);
  const households = compositions.length;
  const regions = planRegions(random, households, floating);
  const counts = plantCounts(households, floating);
  // Spread each kind evenly over the grids, starting at a random grid.
  const demands: PlantKind[][] = regions.grids.map(() => []);
  const gridCount = regions.grids.length;
  for (const kind of Object.keys(counts) as PlantKind[]) {
    const offset = random.int(0, gridCount - 1);
    for (let i = 0; i < counts[kind]; i++) demands[(offset + Math.floor((i * gridCount) / counts[kind])) % gridCount].push(kind);
  }
  return { residents, seed, registered, floating, households, compositions, regions, demands, plantCounts: counts };
}

export function createDistrict(options: DistrictOptions): District {
  const resolved = validateDistrictOptions(options);
  const plan = planDistrict(resolved);
  return {
    options: resolved,
    plan,
    *chunks() {
      const random = new Random(resolved.seed, 'grid-workers');
      const workers = gridWorkerRows(random, plan.regions);
      const rosters = new Map<string, RosterWorker[]>();
      for (const worker of workers) {
        const roster = rosters.get(worker.grid_code as string) ?? [];
        roster.push({ id: worker.id as string, name: worker.name as string, role: worker.role as string });
        rosters.set(worker.grid_code as string, roster);
      }
      yield {
        rows: {
          region: regionRows(plan.regions),
          grid: gridRows(plan.regions),
          grid_worker: workers,
          subsistence_standard: subsistenceStandardRows(),
          investigation_case: investigationCaseRows(plan.regions),
        },
        planted: {
          investigationCases: SEEDED_INVESTIGATION_CASES.map((seeded) => ({ caseNumber: seeded.caseNumber, jurisdiction: jurisdictionOf(seeded, plan.regions), open: !seeded.closedOn })),
        },
        residents: 0,
        households: 0,
      };
      const context: DistrictContext = {
        seed: resolved.seed,
        secret: resolved.personIdSecret,
        compositions: plan.compositions,
        ids: new IdNumberAllocator(),
        counters: { household: 0, dwelling: 0, floating: 0, vehicle: 0, keyPerson: 0, application: 0 },
        householdNumbers: new Map(),
        plates: new Set(),
        buildings: new Map(),
        authorized: new Map(),
      };
      let carried: PlantKind[] = [];
      for (const grid of plan.regions.grids) {
        const chunk = new GridChunkBuilder(context, grid, [...carried, ...plan.demands[grid.index]]).build();
        carried = chunk.unplaced;
        const dwellings = (chunk.rows.dwelling ?? []).map((row) => ({ id: row.id as string, address: row.address as string }));
        chunk.rows.grid_event = gridEventRows(resolved.seed, grid.code, rosters.get(grid.code) ?? [], dwellings);
        yield { rows: chunk.rows, planted: chunk.planted, residents: chunk.residents, households: chunk.households };
      }
    },
  };
}

/** A district generated in full, in memory: for tests and small districts. */
export interface GeneratedDistrict extends District {
  tables: Record<TableKey, Row[]>;
  planted: Planted;
  counts: Record<TableKey, number>;
}

export function generateDistrict(options: DistrictOptions): GeneratedDistrict {
  const district = createDistrict(options);
  const tables = Object.fromEntries(TABLE_KEYS.map((key) => [key, [] as Row[]])) as Record<TableKey, Row[]>;
  const planted = emptyPlanted();
  for (const chunk of district.chunks()) {
    for (const key of TABLE_KEYS) {
      const rows = chunk.rows[key];
      if (rows) for (const row of rows) tables[key].push(row);
    }
    mergePlanted(planted, chunk.planted);
  }
  const counts = emptyCounts();
  for (const key of TABLE_KEYS) counts[key] = tables[key].length;
  return {
    ...district,
    tables,
    planted,
    counts,
    *chunks() {
      yield { rows: tables, planted, residents: district.plan.residents, households: district.plan.households };
    },
  };
}

/** The JSON written to <GRIDHUB_HOME>/seed-manifest.json. */
export interface SeedManifest {
  generator: '@hub/seeds';
  residents: number;
  seed: number;
  today: string;
  databasePrefix: string;
  households: number;
  floating: number;
  grids: number;
  subsistenceStandardMonthly: number;
  counts: Record<TableKey, number>;
  planted: Planted;
}

export function seedManifest(plan: DistrictPlan, counts: Record<TableKey, number>, planted: Planted, databasePrefix: string): SeedManifest {
  return {
    generator: '@hub/seeds',
    residents: plan.residents,
    seed: plan.seed,
    today: SEED_TODAY,
    databasePrefix,
    households: plan.households,
    floating: plan.floating,
    grids: plan.regions.grids.length,
    subsistenceStandardMonthly: CURRENT_STANDARD,
    counts,
    planted,
  };
}
