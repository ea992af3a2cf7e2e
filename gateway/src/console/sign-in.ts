import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { DISTRICT } from '@hub/domain';
import { ErrorCode, HubError, PURPOSES, ROLES, loadPrivateKey, gridhubHome, signUserToken, type RequestIdentity, type UserIdentity } from '@hub/access';
import { HttpError, readJsonBody, sendJson } from '@hub/http';
import { DEPARTMENTS } from '@hub/topology';
import { gatewayContext, verifyUser, type AuthKeys, type GatewayContext } from '../auth';
import { TOKEN_FIELDS, UsageError, validateTokenFields, type TokenFields } from '../token';

/** One administrative region (GB/T 2260 / 统计用区划代码) or grid of the district, for the sign-in tree. */
export interface DirectoryNode {
  code: string;
  name: string;
  level: 'DISTRICT' | 'STREET' | 'COMMUNITY' | 'GRID';
  children: DirectoryNode[];
}

/**
 * The district's regions and grids, read once through the hub itself (grid center: `regions`, `grids`) under the
 * gateway's own identity. They are reference data, not anyone's record; the read is audited like any other.
 */
const DIRECTORY_QUERY = `query SignInDirectory($district: String!) {
  regions(parentCode: $district) { code name level children { code name level } }
  grids(regionCode: $district) { code name regionCode }
}`;

const DIRECTORY_IDENTITY: Omit<RequestIdentity, 'requestId'> = {
  sub: 'gateway-sign-in-directory',
  name: '网关登录目录',
  dept: 'GRID',
  role: 'OFFICER',
  jurisdiction: DISTRICT.code,
  purpose: 'GRID_SERVICE',
};

const DIRECTORY_TTL_MS = 5 * 60_000;

interface RegionRow {
  code: string;
  name: string | null;
  level: string | null;
  children?: RegionRow[] | null;
}

export class Directory {
  private cached: { at: number; root: DirectoryNode; names: Map<string, string> } | undefined;

  constructor(
    private readonly apollo: ApolloServer<GatewayContext>,
    private readonly keys: AuthKeys,
  ) {}

  async tree(): Promise<{ root: DirectoryNode; names: Map<string, string> }> {
    if (this.cached && Date.now() - this.cached.at < DIRECTORY_TTL_MS) return this.cached;
    const requestId = `sign-in-directory-${randomUUID()}`;
    const identity: RequestIdentity = { ...DIRECTORY_IDENTITY, requestId };
    const contextValue: GatewayContext = gatewayContext(this.keys, identity);
    const response = await this.apollo.executeOperation({ query: DIRECTORY_QUERY, variables: { district: DISTRICT.code } }, { contextValue });
    const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
    const data = result?.data as { regions?: RegionRow[]; grids?: { code: string; name: string | null; regionCode: string | null }[] } | undefined;
    if (!data?.regions || !data.grids) {
      throw new HttpError(503, 'SUBGRAPH_UNAVAILABLE', `The grid center did not answer the district directory: ${result?.errors?.[0]?.message ?? 'no data'}`);
    }
    const gridsByCommunity = new Map<string, DirectoryNode[]>();
    for (const grid of data.grids) {
      const list = gridsByCommunity.get(grid.regionCode ?? '') ?? [];
      list.push({ code: grid.code, name: grid.name ?? grid.code, level: 'GRID', children: [] });
      gridsByCommunity.set(grid.regionCode ?? '', list);
    }
    const node = (row: RegionRow, level: DirectoryNode['level']): DirectoryNode => ({
      code: row.code,
      name: row.name ?? row.code,
      level,
      children: level === 'STREET' ? (row.children ?? []).map((child) => node(child, 'COMMUNITY')) : level === 'COMMUNITY' ? (gridsByCommunity.get(row.code) ?? []) : [],
    });
    const root: DirectoryNode = { code: DISTRICT.code, name: DISTRICT.name, level: 'DISTRICT', children: data.regions.map((street) => node(street, 'STREET')) };
    const names = new Map<string, string>();
    const walk = (n: DirectoryNode, path: string[]) => {
      const full = [...path, n.name];
      names.set(n.code, full.join(' / '));
      for (const child of n.children) walk(child, full);
    };
    walk(root, []);
    this.cached = { at: Date.now(), root, names };
    return this.cached;
  }

  /** "天津市津南区 / 双新街道 / …" for a jurisdiction code, or undefined when the district does not know it. */
  async nameOf(code: string): Promise<string | undefined> {
    try {
      return (await this.tree()).names.get(code);
    } catch {
      return undefined; // the session still works without the name; the console shows the code
    }
  }
}

export interface SignInOptions {
  /** Development sign-in (pick a department and jurisdiction, get a token signed with the development key). */
  development: boolean;
  /** Where the console sends a user to sign in with the district's identity provider (production). */
  identityProviderLoginUrl: string | undefined;
}

function bearer(req: IncomingMessage): string {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization?.trim() ?? '');
  if (!match) throw new HubError(ErrorCode.UNAUTHENTICATED, '请先登录：缺少 Authorization: Bearer <令牌>');
  return match[1];
}

function purposesOf(user: UserIdentity) {
  return Object.entries(PURPOSES)
    .filter(([, rule]) => (rule.departments as readonly string[]).includes(user.dept))
    .map(([code, rule]) => ({ code, label: rule.label, caseRequired: rule.caseRequired }));
}

function unauthenticated(res: ServerResponse, error: HubError): void {
  sendJson(res, 401, { errors: [{ message: error.message, extensions: { code: error.code } }] }, { 'cache-control': 'no-store' });
}

/**
 * The console's sign-in routes, on the gateway's own origin:
 *  GET  /auth/config         what sign-in the deployment offers (public)
 *  GET  /auth/session        the verified identity of a token, its jurisdiction's name and the purposes its department may use
 *  GET  /auth/dev/directory  (development) the district → street → community → grid tree
 *  POST /auth/dev/token      (development) a signed development token for the chosen identity
 * True when the path was one of these and has been answered.
 */
export async function serveSignIn(options: SignInOptions, keys: AuthKeys, directory: Directory, req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  if (!path.startsWith('/auth/')) return false;
  const noStore = { 'cache-control': 'no-store' };
  if (path === '/auth/config' && req.method === 'GET') {
    sendJson(res, 200, { development: options.development, identityProviderLoginUrl: options.identityProviderLoginUrl ?? null }, noStore);
    return true;
  }
  if (path === '/auth/session' && req.method === 'GET') {
    let user: UserIdentity & { exp?: number };
    try {
      user = await verifyUser(keys, bearer(req));
    } catch (error) {
      if (error instanceof HubError) {
        unauthenticated(res, error);
        return true;
      }
      throw error;
    }
    const claims = JSON.parse(Buffer.from(bearer(req).split('.')[1], 'base64url').toString('utf8')) as { exp?: number };
    sendJson(
      res,
      200,
      {
        user: { sub: user.sub, name: user.name, dept: user.dept, role: user.role, jurisdiction: user.jurisdiction },
        jurisdictionName: (await directory.nameOf(user.jurisdiction)) ?? null,
        purposes: purposesOf(user),
        expiresAt: claims.exp ? new Date(claims.exp * 1000).toISOString() : null,
      },
      noStore,
    );
    return true;
  }
  if (!options.development || !path.startsWith('/auth/dev/')) {
    sendJson(res, 404, { errors: [{ message: options.development ? 'not found' : '生产环境不提供开发登录：请通过统一身份认证登录', extensions: { code: 'NOT_FOUND' } }] });
    return true;
  }
  if (path === '/auth/dev/directory' && req.method === 'GET') {
    const { root } = await directory.tree();
    sendJson(res, 200, { district: root, departments: DEPARTMENTS, roles: ROLES }, noStore);
    return true;
  }
  if (path === '/auth/dev/token' && req.method === 'POST') {
    const body = await readJsonBody(req);
    const fields: TokenFields = {};
    for (const key of TOKEN_FIELDS) {
      const value = (body as Record<string, unknown> | null)?.[key];
      if (value !== undefined && value !== null && value !== '') fields[key] = String(value);
    }
    let request;
    try {
      request = validateTokenFields(fields);
      const known = await directory.nameOf(request.user.jurisdiction);
      if (!known) throw new UsageError(`辖区代码 ${request.user.jurisdiction} 不在本区的区划或网格中`);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      sendJson(res, 400, { errors: [{ message: error.message.replace(/--/g, ''), extensions: { code: ErrorCode.BAD_USER_INPUT } }] });
      return true;
    }
    const token = await signUserToken(loadPrivateKey(gridhubHome(), 'user'), request.user, request.ttlSeconds);
    sendJson(res, 200, { token }, noStore);
    return true;
  }
  res.setHeader('allow', path === '/auth/dev/token' ? 'POST' : 'GET');
  sendJson(res, 405, { errors: [{ message: 'method not allowed', extensions: { code: 'METHOD_NOT_ALLOWED' } }] });
  return true;
}
