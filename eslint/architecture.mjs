// The import arrows of docs/architecture.md, enforced: `architecture/imports` fails on an import (static, dynamic,
// `export … from` or `require`) from one workspace into another that the table below does not allow, and on an
// import of a subgraph's `resolvers/` from its `check/`, `entities/` or `loaders/`.
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/** The workspaces below the apps, each with the packages it may import (its own folder is always allowed). */
const PACKAGES = {
  domain: [],
  db: ['topology'],
  tracing: [],
  http: ['tracing'],
  topology: ['domain'],
  access: ['domain', 'topology'],
  audit: ['access', 'db', 'domain', 'topology'],
  facts: ['access', 'domain'],
  review: ['access', 'domain'],
  stack: ['access', 'db', 'domain', 'topology'],
  'subgraph-kit': ['access', 'audit', 'db', 'domain', 'facts', 'http', 'topology'],
  // The test harness starts the real processes and reads the seed manifest: it is the one package that knows an app
  // (the type of seeds' manifest).
  testkit: ['access', 'audit', 'db', 'domain', 'facts', 'stack', 'subgraph-kit', 'topology', 'app:seeds'],
};

const RUNTIME_PACKAGES = Object.keys(PACKAGES).filter((name) => name !== 'testkit');

/**
 * What each kind of workspace may import. `pkg:*` are the packages above; `app:*` the top-level workspaces.
 * Tests (`test/`) and measuring scripts (`scripts/`) of an app may also use the test harness.
 */
function allowed(from, isTest) {
  if (from.startsWith('pkg:')) {
    const own = PACKAGES[from.slice(4)];
    if (!own) throw new Error(`packages/${from.slice(4)} has no row in eslint/architecture.mjs: add what it may import (and a line in docs/architecture.md)`);
    return own.map((name) => (name.startsWith('app:') ? name : `pkg:${name}`));
  }
  if (from === 'app:console') return ['pkg:domain', 'pkg:topology', 'pkg:review']; // `@domain/*`, `@topology/*` and review's report rows: the browser bundle shares plain code without Node APIs only
  if (from === 'app:e2e' || from === 'app:bench') return '*'; // the top: scenarios start and read every part of the hub
  // subgraphs, gateway, schema, seeds: packages only, never another app; their tests may also use the harness
  return [...RUNTIME_PACKAGES.map((name) => `pkg:${name}`), ...(isTest ? ['pkg:testkit'] : [])];
}

/** The workspace a file or an import specifier belongs to: `pkg:<name>`, `app:<name>` or `app:subgraph/<dept>`. */
function workspaceOfPath(file) {
  const parts = path.relative(ROOT, file).split(path.sep);
  if (parts[0] === '..' || parts[0] === '') return null;
  if (parts[0] === 'packages' && parts[1]) return `pkg:${parts[1]}`;
  if (parts[0] === 'subgraphs' && parts[1]) return `app:subgraph/${parts[1]}`;
  if (['gateway', 'schema', 'seeds', 'console', 'e2e', 'bench'].includes(parts[0])) return `app:${parts[0]}`;
  return null;
}

function workspaceOfSpecifier(specifier, file) {
  if (specifier.startsWith('.')) return workspaceOfPath(path.resolve(path.dirname(file), specifier));
  if (specifier.startsWith('@domain/')) return 'pkg:domain';
  if (specifier.startsWith('@topology/')) return 'pkg:topology';
  const hub = /^@hub\/([^/]+)/.exec(specifier);
  if (!hub) return null;
  const name = hub[1];
  if (name.startsWith('subgraph-') && name !== 'subgraph-kit') return `app:subgraph/${name.slice('subgraph-'.length)}`;
  if (['gateway', 'schema', 'seeds', 'console', 'e2e'].includes(name)) return `app:${name}`;
  return `pkg:${name}`;
}

const LOWER_LAYERS = ['check', 'entities', 'events', 'loaders'];

/** Inside a subgraph: `check/`, `entities/`, `events/` and `loaders/` are below `resolvers/` and never import it. */
function upwardInsideSubgraph(specifier, file) {
  if (!specifier.startsWith('.')) return null;
  const from = path.relative(ROOT, file).split(path.sep);
  const to = path.relative(ROOT, path.resolve(path.dirname(file), specifier)).split(path.sep);
  if (from[0] !== 'subgraphs' || to[0] !== 'subgraphs' || from[1] !== to[1] || from[2] !== 'src' || to[2] !== 'src') return null;
  return LOWER_LAYERS.includes(from[3]) && to[3] === 'resolvers' ? `${from[3]}/` : null;
}

const importsRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the arrows of docs/architecture.md' },
    schema: [],
    messages: {
      across: '{{from}} may not import {{to}} ({{specifier}}): see docs/architecture.md for which way imports go',
      upward: '{{layer}} may not import resolvers/ ({{specifier}}): move what both need below resolvers/',
    },
  },
  create(context) {
    const file = context.filename;
    const from = workspaceOfPath(file);
    if (!from) return {};
    const dirs = path.relative(ROOT, file).split(path.sep);
    const isTest = dirs.includes('test') || dirs.includes('scripts'); // tests and measuring scripts may use the harness
    const permitted = allowed(from, isTest);

    function check(node, specifier) {
      if (typeof specifier !== 'string') return;
      const layer = upwardInsideSubgraph(specifier, file);
      if (layer) {
        context.report({ node, messageId: 'upward', data: { layer, specifier } });
        return;
      }
      const to = workspaceOfSpecifier(specifier, file);
      if (!to || to === from || permitted === '*' || permitted.includes(to)) return;
      context.report({ node, messageId: 'across', data: { from, to, specifier } });
    }

    const fromSource = (node) => node.source && check(node.source, node.source.value);
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      TSImportEqualsDeclaration: (node) => node.moduleReference.type === 'TSExternalModuleReference' && check(node.moduleReference.expression, node.moduleReference.expression.value),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') check(node.arguments[0], node.arguments[0].value);
      },
    };
  },
};

export const architecture = { meta: { name: 'architecture' }, rules: { imports: importsRule } };
