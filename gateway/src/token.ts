import { ROLES, ensureDevKeys, gridhubHome, loadPrivateKey, signUserToken, type Role, type UserIdentity } from '@hub/access';
import { DEPARTMENTS, type Department } from '@hub/topology';

const USAGE = `Prints one signed development JWT on stdout, nothing else.

Usage: npm run token -- --dept <DEPT> --jurisdiction <CODE> [--role <ROLE>] [--sub <id>] [--name <name>] [--ttl <seconds>]

  --dept          ${DEPARTMENTS.join(' | ')}
  --jurisdiction  administrative code prefix: 6-digit district, 9-digit street, 12-digit community,
                  or a 15-digit grid code
  --role          ${ROLES.join(' | ')} (default: GRID_WORKER for a grid code, else OFFICER)
  --sub           user id (default: dev-<dept>-<jurisdiction>)
  --name          display name (default: 开发用户 <DEPT>)
  --ttl           lifetime in seconds, at most ${30 * 24 * 3600} (30 days); default 28800 (8 hours)

Example:
  curl -s localhost:4000/graphql -H "authorization: Bearer $(npm run -s token -- --dept GRID --jurisdiction 120112)" \\
    -H 'x-purpose: GRID_SERVICE' -H 'content-type: application/json' -d '{"query":"{ people(first: 2) { totalCount } }"}'
`;

export const TOKEN_FIELDS = ['dept', 'jurisdiction', 'role', 'sub', 'name', 'ttl'] as const;
const FLAGS = TOKEN_FIELDS;
type Flag = (typeof FLAGS)[number];
const MAX_TTL_SECONDS = 30 * 24 * 3600;
const DEFAULT_TTL_SECONDS = 8 * 3600;

export class UsageError extends Error {}

export interface TokenRequest {
  user: UserIdentity;
  ttlSeconds: number;
}

/** `--flag value` or `--flag=value`; every flag at most once; nothing positional. */
function parseFlags(argv: readonly string[]): Partial<Record<Flag, string>> {
  const flags: Partial<Record<Flag, string>> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const match = /^--([a-z]+)(?:=(.*))?$/s.exec(arg);
    if (!match) throw new UsageError(`unexpected argument "${arg}"`);
    const flag = match[1] as Flag;
    if (!FLAGS.includes(flag)) throw new UsageError(`unknown option --${match[1]}`);
    if (flags[flag] !== undefined) throw new UsageError(`--${flag} is given twice`);
    let value = match[2];
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${flag} needs a value`);
      i++;
    }
    flags[flag] = value;
  }
  return flags;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  const normalized = value.trim().toUpperCase().replace(/-/g, '_');
  if (!(allowed as readonly string[]).includes(normalized)) throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}; got "${value}"`);
  return normalized as T;
}

function text(flag: string, value: string, maxLength: number, pattern?: RegExp): string {
  const trimmed = value.trim();
  // A control character is what the pattern looks for.
  // eslint-disable-next-line no-control-regex
  if (!trimmed || trimmed.length > maxLength || /[\u0000-\u001f\u007f]/.test(trimmed) || (pattern && !pattern.test(trimmed))) {
    throw new UsageError(`--${flag} must be 1–${maxLength} characters${pattern ? ' without spaces' : ''}; got "${value}"`);
  }
  return trimmed;
}

/** The fields of a token request, however they arrive (command-line flags or the console's sign-in form). */
export type TokenFields = Partial<Record<Flag, string>>;

/** Validates a token request into the identity to sign; throws UsageError naming the bad field. */
export function validateTokenFields(fields: TokenFields): TokenRequest {
  if (fields.dept === undefined) throw new UsageError('--dept is required');
  if (fields.jurisdiction === undefined) throw new UsageError('--jurisdiction is required');
  const dept = oneOf<Department>('dept', fields.dept, DEPARTMENTS);
  const jurisdiction = fields.jurisdiction.trim();
  if (!/^(\d{6}|\d{9}|\d{12}|\d{15})$/.test(jurisdiction)) {
    throw new UsageError(`--jurisdiction must be a 6, 9, 12 or 15 digit code (district, street, community or grid); got "${fields.jurisdiction}"`);
  }
  const role = fields.role === undefined ? (jurisdiction.length === 15 ? 'GRID_WORKER' : 'OFFICER') : oneOf<Role>('role', fields.role, ROLES);
  const sub = fields.sub === undefined ? `dev-${dept.toLowerCase().replace(/_/g, '-')}-${jurisdiction}` : text('sub', fields.sub, 128, /^\S+$/);
  const name = fields.name === undefined ? `开发用户 ${dept}` : text('name', fields.name, 64);
  let ttlSeconds = DEFAULT_TTL_SECONDS;
  if (fields.ttl !== undefined) {
    ttlSeconds = Number(fields.ttl);
    if (!/^\d+$/.test(fields.ttl.trim()) || !Number.isSafeInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_TTL_SECONDS) {
      throw new UsageError(`--ttl must be a whole number of seconds from 1 to ${MAX_TTL_SECONDS} (30 days); got "${fields.ttl}"`);
    }
  }
  return { user: { sub, name, dept, role, jurisdiction }, ttlSeconds };
}

/** Validates the command line into the identity to sign; throws UsageError naming the bad flag. */
export function parseTokenRequest(argv: readonly string[]): TokenRequest {
  return validateTokenFields(parseFlags(argv));
}

async function main(argv: readonly string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stderr.write(USAGE);
    return;
  }
  let request: TokenRequest;
  try {
    request = parseTokenRequest(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`token: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  const home = gridhubHome();
  ensureDevKeys(home);
  const token = await signUserToken(loadPrivateKey(home, 'user'), request.user, request.ttlSeconds);
  process.stdout.write(`${token}\n`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`token: ${error?.message ?? error}\n`);
    process.exit(2);
  });
}
