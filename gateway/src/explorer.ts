import { createReadStream, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ServerResponse } from 'node:http';

/**
 * GraphiQL served from the installed npm packages (development only): no CDN, so the explorer works offline.
 * GraphiQL 3's UMD build runs on React 18's UMD builds, which React 19 no longer ships.
 */
function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

const ASSETS: Record<string, { file: string; type: string }> = {
  'react.js': { file: join(packageDir('react'), 'umd', 'react.production.min.js'), type: 'text/javascript; charset=utf-8' },
  'react-dom.js': { file: join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'), type: 'text/javascript; charset=utf-8' },
  'graphiql.js': { file: join(packageDir('graphiql'), 'graphiql.min.js'), type: 'text/javascript; charset=utf-8' },
  'graphiql.css': { file: join(packageDir('graphiql'), 'graphiql.min.css'), type: 'text/css; charset=utf-8' },
  'explorer.js': { file: join(__dirname, '..', 'explorer', 'explorer.js'), type: 'text/javascript; charset=utf-8' },
};

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <title>gridhub explorer</title>
  <link rel="stylesheet" href="/explorer/assets/graphiql.css">
  <style>
    body { margin: 0; height: 100vh; display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
    form { display: flex; gap: .5rem; padding: .4rem .6rem; background: #f3f4f6; border-bottom: 1px solid #ddd; font-size: 13px; align-items: center; }
    form input { font: 12px monospace; padding: .2rem .3rem; }
    #token { flex: 1; }
    #graphiql { flex: 1; min-height: 0; }
  </style>
</head>
<body>
  <form id="headers" autocomplete="off">
    <label>Token <input id="token" placeholder="npm run --silent token -- --dept GRID --jurisdiction 120112"></label>
    <label>X-Purpose <input id="purpose" value="GRID_SERVICE" size="18"></label>
    <label>X-Case-Id <input id="case" size="14"></label>
  </form>
  <div id="graphiql">Loading…</div>
  <script src="/explorer/assets/react.js"></script>
  <script src="/explorer/assets/react-dom.js"></script>
  <script src="/explorer/assets/graphiql.js"></script>
  <script src="/explorer/assets/explorer.js"></script>
</body>
</html>
`;

/** True when the request was for the explorer and has been answered. */
export function serveExplorer(path: string, res: ServerResponse): boolean {
  if (path === '/explorer' || path === '/explorer/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(PAGE);
    return true;
  }
  if (!path.startsWith('/explorer/assets/')) return false;
  const asset = ASSETS[path.slice('/explorer/assets/'.length)];
  if (!asset) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return true;
  }
  res.writeHead(200, { 'content-type': asset.type, 'content-length': statSync(asset.file).size, 'cache-control': 'public, max-age=3600' });
  createReadStream(asset.file).pipe(res);
  return true;
}
