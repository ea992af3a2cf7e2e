import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureDevKeys, gridhubHome, loadPrivateKey, signUserToken } from '@hub/access';
import { gatewayClient } from './gateway-client';
import { MAX_CHUNK, runReview, type ReviewProgress } from './review';

const USAGE = `The annual 低保 复核: checks many applications through the gateway and writes a CSV and a JSON report.

Usage: npm run review -- [--status <STATUS> | --ids <file>] [--out <dir>] [--chunk <n>] [--concurrency <n>]
                         [--gateway <url>] [--token <jwt>] [--jurisdiction <code>]

  --status       review every application of this status in your jurisdiction (default: all statuses;
                 applications that are not open cases are reported as NOT_CHECKED)
  --ids          a file of application ids, one per line (or the first column of a CSV)
  --out          report directory (default: ./review-reports)
  --chunk        applications per request, at most ${MAX_CHUNK} (default ${MAX_CHUNK})
  --concurrency  requests in flight (default 2)
  --gateway      gateway URL (default: $GRIDHUB_GATEWAY_URL or http://localhost:4000/graphql)
  --token        a CIVIL_AFFAIRS user's JWT (default: $GRIDHUB_TOKEN; in development, one is made from the
                 development keys for --jurisdiction, default 120112)
`;

const FLAGS = new Set(['status', 'ids', 'out', 'chunk', 'concurrency', 'gateway', 'token', 'jurisdiction']);

function parseFlags(argv: string[]): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const match = /^--([a-z]+)(?:=(.*))?$/s.exec(argv[i]);
    if (!match || !FLAGS.has(match[1])) throw new Error(`unknown argument "${argv[i]}"`);
    const value = match[2] ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new Error(`--${match[1]} needs a value`);
    flags[match[1]] = value;
  }
  return flags;
}

function readIds(file: string): string[] {
  return readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line) => line.split(',')[0].trim().replace(/^"|"$/g, ''))
    .filter((id) => /^A[0-9A-Za-z]{1,19}$/.test(id));
}

async function developmentToken(jurisdiction: string): Promise<string> {
  const home = gridhubHome();
  ensureDevKeys(home);
  process.stderr.write(`[review] no --token or GRIDHUB_TOKEN: using a development token (CIVIL_AFFAIRS, ${jurisdiction})\n`);
  return signUserToken(loadPrivateKey(home, 'user'), { sub: 'review-cli', name: '低保复核', dept: 'CIVIL_AFFAIRS', role: 'OFFICER', jurisdiction }, 8 * 3600);
}

function printProgress({ done, total, errors, elapsedSeconds }: ReviewProgress): void {
  const rate = elapsedSeconds > 0 ? done / elapsedSeconds : 0;
  const eta = rate > 0 ? Math.ceil((total - done) / rate) : 0;
  process.stderr.write(`[review] ${done}/${total} (${Math.floor((done / Math.max(1, total)) * 100)}%) · ${Math.round(rate)}/s · ${errors} errors · ETA ${eta}s\n`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return;
  }
  const flags = parseFlags(argv);
  const token = flags.token ?? process.env.GRIDHUB_TOKEN ?? (await developmentToken(flags.jurisdiction ?? '120112'));
  const url = flags.gateway ?? process.env.GRIDHUB_GATEWAY_URL ?? 'http://localhost:4000/graphql';
  const { summary, csvPath, jsonPath } = await runReview({
    client: gatewayClient(url, token),
    applicationIds: flags.ids ? readIds(flags.ids) : undefined,
    status: flags.status,
    chunkSize: flags.chunk ? Number(flags.chunk) : undefined,
    concurrency: flags.concurrency ? Number(flags.concurrency) : undefined,
    outDirectory: resolve(flags.out ?? 'review-reports'),
    onProgress: printProgress,
  });
  process.stderr.write(
    `[review] ${summary.applications} applications in ${summary.seconds} s (${summary.applicationsPerSecond}/s): ${summary.eligible} eligible, ` +
      `${summary.ineligible} not eligible, ${summary.notChecked} not checked, ${summary.errors} errors\n`,
  );
  process.stdout.write(`${csvPath}\n${jsonPath}\n`);
  if (summary.errors > 0) process.exitCode = 1;
}

main().catch((error) => {
  process.stderr.write(`[review] ${(error as Error).message}\n\n${USAGE}`);
  process.exitCode = 2;
});
