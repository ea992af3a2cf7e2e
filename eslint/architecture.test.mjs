// The import arrows' rule, tested with ESLint's RuleTester on files placed where the workspaces are
// (`node --test eslint/`, run by `npm run lint`).
import path from 'node:path';
import { describe, it } from 'node:test';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { architecture } from './architecture.mjs';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const ROOT = path.resolve(import.meta.dirname, '..');
const at = (file) => path.join(ROOT, file);
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' } });

tester.run('architecture/imports', architecture.rules.imports, {
  valid: [
    { filename: at('packages/access/src/policy.ts'), code: "import { GRID_CODE_PATTERN } from '@hub/domain';" },
    { filename: at('packages/subgraph-kit/src/context.ts'), code: "export { AuditRecorder } from '@hub/audit';" },
    { filename: at('subgraphs/housing/src/subgraph.ts'), code: "import { startSubgraph } from '@hub/subgraph-kit';" },
    { filename: at('subgraphs/housing/test/dwelling.test.ts'), code: "import { startHub } from '@hub/testkit';" },
    { filename: at('subgraphs/grid/src/resolvers/grid.resolver.ts'), code: "import { Grid } from '../entities/grid.entity';" },
    { filename: at('console/src/areas/police/page.tsx'), code: "import { parseIdNumber } from '@domain/id-number';" },
    { filename: at('e2e/grid-center/job.test.ts'), code: "import { gridPolicy } from '../../subgraphs/grid/src/policy';" },
    { filename: at('packages/testkit/src/seed-manifest.ts'), code: "import type { SeedManifest } from '@hub/seeds';" },
  ],
  invalid: [
    // A package importing a package above it.
    { filename: at('packages/domain/src/codes.ts'), code: "import { PURPOSES } from '@hub/access';", errors: [{ messageId: 'across' }] },
    // A package importing an app.
    { filename: at('packages/access/src/policy.ts'), code: "import { gridPolicy } from '@hub/subgraph-grid';", errors: [{ messageId: 'across' }] },
    // One subgraph importing another, by name and by path; also as `export … from`, dynamic import and require.
    { filename: at('subgraphs/housing/src/policy.ts'), code: "import { populationPolicy } from '@hub/subgraph-population';", errors: [{ messageId: 'across' }] },
    { filename: at('subgraphs/housing/src/policy.ts'), code: "export { gridPolicy } from '../../grid/src/policy';", errors: [{ messageId: 'across' }] },
    { filename: at('subgraphs/housing/src/policy.ts'), code: "const grid = import('@hub/subgraph-grid');", errors: [{ messageId: 'across' }] },
    { filename: at('subgraphs/housing/src/policy.ts'), code: "const grid = require('@hub/subgraph-grid');", errors: [{ messageId: 'across' }] },
    { filename: at('subgraphs/housing/src/policy.ts'), code: "import grid = require('@hub/subgraph-grid');", errors: [{ messageId: 'across' }] },
    // The test harness is for tests only.
    { filename: at('subgraphs/housing/src/subgraph.ts'), code: "import { startHub } from '@hub/testkit';", errors: [{ messageId: 'across' }] },
    // The console bundles no server code.
    { filename: at('console/src/api/client.ts'), code: "import { PURPOSES } from '@hub/access';", errors: [{ messageId: 'across' }] },
    // Inside a subgraph, the layers below resolvers/ never import it.
    { filename: at('subgraphs/civil-affairs/src/check/run-check.ts'), code: "import type { CivilAffairsContext } from '../resolvers/context';", errors: [{ messageId: 'upward' }] },
    { filename: at('subgraphs/grid/src/entities/grid.entity.ts'), code: "import { GridResolver } from '../resolvers/grid.resolver';", errors: [{ messageId: 'upward' }] },
  ],
});

describe('a package without a row in the table', () => {
  it('stops the lint with a message naming where to add it', async () => {
    const { Linter } = await import('eslint');
    const linter = new Linter({ configType: 'flat' });
    const lint = () =>
      linter.verify("import x from '@hub/domain';", { plugins: { architecture }, rules: { 'architecture/imports': 'error' }, files: ['**/*.ts'] }, { filename: at('packages/brand-new/src/index.ts') });
    const { throws } = await import('node:assert/strict');
    throws(lint, /packages\/brand-new has no row in eslint\/architecture\.mjs/);
  });
});
