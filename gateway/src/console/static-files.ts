import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

/**
 * The console may talk to this origin only: no CDN, no third-party fonts, no beacons. antd writes its styles
 * at run time (CSS-in-JS), hence 'unsafe-inline' for styles only; scripts stay 'self'.
 */
export const CONSOLE_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': CONSOLE_CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/**
 * The first path segments the console's client-side router owns (console/src/areas/*: its pages' paths); a reload
 * of any page under them answers with index.html. Anything else that is not a file stays a 404 of the gateway
 * (e.g. /graphiql, or /explorer in production). e2e/console checks this list against the console's routes.
 */
export const CONSOLE_ROUTE_SECTIONS = ['civil-affairs', 'police', 'grid', 'housing', 'households', 'dwellings', 'people', 'population', 'audit'] as const;

function isConsoleRoute(path: string): boolean {
  if (path === '/' || path === '/index.html') return true;
  const section = /^\/([a-z-]+)(\/|$)/.exec(path)?.[1];
  return !extname(path) && !!section && (CONSOLE_ROUTE_SECTIONS as readonly string[]).includes(section);
}

/**
 * The built console (`console/dist`): hashed assets cached for a year, index.html never cached, every page path
 * of the console answered with index.html so a reload of /civil-affairs/applications works.
 * False when the path is not the console's.
 */
export function serveConsole(consoleDir: string, path: string, res: ServerResponse): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return false;
  }
  const index = join(consoleDir, 'index.html');
  if (isConsoleRoute(decoded)) {
    if (!existsSync(index)) {
      res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...SECURITY_HEADERS });
      res.end('<!doctype html><meta charset="utf-8"><title>工作台未构建</title><p>工作台尚未构建：请运行 <code>npm run build</code>（<code>npm start</code> 会自动构建）。</p>');
      return true;
    }
    res.writeHead(200, { 'content-type': CONTENT_TYPES['.html'], 'cache-control': 'no-store', ...SECURITY_HEADERS });
    createReadStream(index).pipe(res);
    return true;
  }
  // A file of the build: never outside consoleDir (../ and encoded variants are normalised away first).
  const file = normalize(join(consoleDir, decoded));
  if (!file.startsWith(consoleDir + sep) || !existsSync(file) || !statSync(file).isFile()) return false;
  const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
  const immutable = decoded.startsWith('/assets/');
  res.writeHead(200, {
    'content-type': type,
    'content-length': statSync(file).size,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...SECURITY_HEADERS,
  });
  createReadStream(file).pipe(res);
  return true;
}
