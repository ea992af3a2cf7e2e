#!/usr/bin/env node
/**
 * npm run seed -- --residents <N> [--seed <int>] [--quiet]
 * (Re)generates the deterministic synthetic district and loads it into the five department databases:
 * DATABASE_URL when set, otherwise the embedded development PostgreSQL. Progress goes to stderr; stdout
 * carries one JSON summary line. Writes the planted-case manifest to <GRIDHUB_HOME>/seed-manifest.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gridhubHome } from '@hub/access';
import { resolvePostgresServer } from '@hub/db';
import { migrateAll } from '@hub/stack';
import { loadDistrict } from './copy-loader';
import { createDistrict, DEFAULT_RESIDENTS, DEFAULT_SEED, MAX_RESIDENTS, MIN_RESIDENTS, seedManifest } from './generate-district';

const USAGE = `Usage: npm run seed -- [--residents <N>] [--seed <int>] [--quiet]

  --residents <N>  residents to generate, ${MIN_RESIDENTS}–${MAX_RESIDENTS.toLocaleString('en-US')} (default ${DEFAULT_RESIDENTS})
  --seed <int>     random seed; the same N and seed give the same rows (default ${DEFAULT_SEED})
  --quiet          no progress on stderr
  --help           this text

Loads into DATABASE_URL (one database per department, prefixed DB_PREFIX, default "gridhub"),
or into the embedded development PostgreSQL when DATABASE_URL is unset.`;

export class UsageError extends Error {}

export interface CliArguments {
  residents: number;
  seed: number;
  quiet: boolean;
  help: boolean;
}

function integer(flag: string, raw: string | undefined, min: number, max: number): number {
  if (raw === undefined || raw === '' || raw.startsWith('--')) throw new UsageError(`${flag} needs a value`);
  if (!/^\d+$/.test(raw)) throw new UsageError(`${flag} must be a positive integer, got "${raw}"`);
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min || value > max) throw new UsageError(`${flag} must be between ${min} and ${max.toLocaleString('en-US')}, got ${raw}`);
  return value;
}

export function parseArguments(argv: readonly string[]): CliArguments {
  const result: CliArguments = { residents: DEFAULT_RESIDENTS, seed: DEFAULT_SEED, quiet: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith('--') && argv[i].includes('=') ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)] : [argv[i], undefined];
    const value = () => (inline !== undefined ? inline : argv[++i]);
    switch (flag) {
      case '--residents':
        result.residents = integer('--residents', value(), MIN_RESIDENTS, MAX_RESIDENTS);
        break;
      case '--seed':
        result.seed = integer('--seed', value(), 0, Number.MAX_SAFE_INTEGER);
        break;
      case '--quiet':
        result.quiet = true;
        break;
      case '--help':
      case '-h':
        result.help = true;
        break;
      default:
        throw new UsageError(`unknown argument "${argv[i]}"`);
    }
  }
  return result;
}

export async function main(argv: readonly string[]): Promise<number> {
  let args: CliArguments;
  try {
    args = parseArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`seed: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const started = performance.now();
  const log = args.quiet ? () => undefined : (line: string) => process.stderr.write(`[seed] ${line}\n`);
  const home = gridhubHome();
  const server = await resolvePostgresServer({ home, instance: 'dev', log: (line) => log(`postgres: ${line}`) });
  process.env.DATABASE_URL = server.url;
  try {
    let phase = performance.now();
    await migrateAll(process.env);
    log(`migrated the five department databases in ${((performance.now() - phase) / 1000).toFixed(2)} s`);

    phase = performance.now();
    const district = createDistrict({ residents: args.residents, seed: args.seed });
    const { plan } = district;
    log(
      `planned ${plan.residents.toLocaleString('en-US')} residents (${plan.floating.toLocaleString('en-US')} floating), ` +
        `${plan.households.toLocaleString('en-US')} households, ${plan.regions.grids.length} grids, seed ${plan.seed} in ${((performance.now() - phase) / 1000).toFixed(2)} s`,
    );

    const prefix = process.env.DB_PREFIX || 'gridhub';
    const result = await loadDistrict(server.url, district, { log, databasePrefix: prefix });

    const manifest = seedManifest(plan, result.counts, result.planted, prefix);
    mkdirSync(home, { recursive: true });
    const text = JSON.stringify(manifest, null, 1) + '\n';
    // The per-prefix copy lets a test district and the demo district keep their own manifests.
    for (const name of ['seed-manifest.json', `seed-manifest-${prefix}.json`]) writeFileSync(join(home, name), text);
    log(`wrote ${join(home, 'seed-manifest.json')}`);

    const totalRows = Object.values(result.counts).reduce((a, b) => a + b, 0);
    const total = (performance.now() - started) / 1000;
    log(
      `done: ${result.residents.toLocaleString('en-US')} residents, ${result.households.toLocaleString('en-US')} households, ` +
        `${totalRows.toLocaleString('en-US')} rows in ${total.toFixed(1)} s (load ${result.seconds.toFixed(1)} s)`,
    );
    process.stdout.write(JSON.stringify({ residents: result.residents, households: result.households, seconds: Math.round(total * 100) / 100 }) + '\n');
    return 0;
  } finally {
    if (server.owned) await server.stop();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`seed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
