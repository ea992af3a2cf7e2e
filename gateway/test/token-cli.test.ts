import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { gridhubHome, loadPublicKey, verifyUserToken } from '@hub/access';

const TOKEN_CLI = join(__dirname, '..', 'dist', 'token.js');

function runTokenCli(...args: string[]) {
  const result = spawnSync(process.execPath, [TOKEN_CLI, ...args], { encoding: 'utf8', env: process.env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

describe('npm run token', () => {
  const publicKey = () => loadPublicKey(gridhubHome(), 'user');

  it('prints exactly one JWT and a newline, which the gateway key verifies with the asked-for claims', async () => {
    const run = runTokenCli('--dept', 'CIVIL_AFFAIRS', '--jurisdiction', '120112001', '--sub', 'ca-007', '--name', '王科员', '--ttl', '600');
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const user = await verifyUserToken(publicKey(), run.stdout.trim());
    expect(user).toEqual({ sub: 'ca-007', name: '王科员', dept: 'CIVIL_AFFAIRS', role: 'OFFICER', jurisdiction: '120112001' });
    const claims = claimsOf(run.stdout.trim());
    expect(Number(claims.exp) - Number(claims.iat)).toBe(600);
  });

  it('defaults the role to GRID_WORKER for a grid code and OFFICER otherwise', async () => {
    const grid = runTokenCli('--dept', 'GRID', '--jurisdiction', '120112100001001');
    expect(grid.status).toBe(0);
    expect(await verifyUserToken(publicKey(), grid.stdout.trim())).toMatchObject({ dept: 'GRID', role: 'GRID_WORKER', jurisdiction: '120112100001001' });
    const district = runTokenCli('--dept=POPULATION', '--jurisdiction=120112', '--role=SUPERVISOR');
    expect(district.status).toBe(0);
    expect(await verifyUserToken(publicKey(), district.stdout.trim())).toMatchObject({ dept: 'POPULATION', role: 'SUPERVISOR' });
  });

  it.each([
    [['--dept', 'MARKETING', '--jurisdiction', '120112'], /--dept must be one of/],
    [['--jurisdiction', '120112'], /--dept is required/],
    [['--dept', 'GRID'], /--jurisdiction is required/],
    [['--dept', 'GRID', '--jurisdiction', '1201'], /--jurisdiction must be a 6, 9, 12 or 15 digit code/],
    [['--dept', 'GRID', '--jurisdiction', '120112', '--role', 'ADMIN'], /--role must be one of/],
    [['--dept', 'GRID', '--jurisdiction', '120112', '--ttl', '0'], /--ttl must be/],
    [['--dept', 'GRID', '--jurisdiction', '120112', '--ttl', String(31 * 24 * 3600)], /--ttl must be/],
    [['--dept', 'GRID', '--jurisdiction', '120112', '--colour', 'red'], /unknown option --colour/],
    [['--dept', 'GRID', '--jurisdiction', '120112', '--dept', 'AUDIT'], /given twice/],
    [['--dept', 'GRID', '--jurisdiction'], /--jurisdiction needs a value/],
  ])('refuses %j with exit 2 and a message on stderr only', (args, message) => {
    const run = runTokenCli(...args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });

  it('prints usage on stderr for --help and exits 0', () => {
    const run = runTokenCli('--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/Usage: npm run token -- --dept <DEPT> --jurisdiction <CODE>/);
  });
});
