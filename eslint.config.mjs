// One ESLint run for the whole repository (`npm run lint`): typescript-eslint's type-aware rules on every
// TypeScript file, React's hook rules on the console, and the import arrows of docs/architecture.md.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { architecture } from './eslint/architecture.mjs';

export default tseslint.config(
  // Generated or installed: never linted.
  { ignores: ['**/node_modules/', '**/dist/', 'console/src/gql/', 'bench/results/', '**/coverage/', '.turbo/', '.gridhub/', 'review-reports/'] },

  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { architecture },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'architecture/imports': 'error',
      // `any` marks the federation and resolver boundaries the schema types; the strict compiler guards the rest.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },

  // TypeScript: type-aware rules against one program for the server side (tsconfig.json) and one for the console.
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './console/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // react-router's navigate() returns a promise only for a data router's view transition: nothing to wait for.
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', package: 'react-router', name: 'NavigateFunction' }] }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },

  // The console: a React app in the browser.
  {
    files: ['console/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    // The rules of hooks and their dependency lists; the React Compiler's rules are for code written for the compiler.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },

  // Plain JavaScript (bench, scripts, configs): no type information; CommonJS unless it is a module.
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['**/*.mjs'], languageOptions: { globals: { ...globals.node } } },
  // The explorer page's glue runs in the browser beside GraphiQL's UMD bundles.
  { files: ['gateway/explorer/**/*.js'], languageOptions: { sourceType: 'script', globals: { ...globals.browser, React: 'readonly', ReactDOM: 'readonly', GraphiQL: 'readonly' } } },

  // Last: leave layout to Prettier.
  prettier,
);
