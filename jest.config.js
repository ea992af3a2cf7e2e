/** One Jest run for the whole repository: one PostgreSQL, one migration and one seeded test district. */
const swc = [
  '@swc/jest',
  {
    jsc: { target: 'es2022', parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false } },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/subgraphs', '<rootDir>/gateway', '<rootDir>/schema', '<rootDir>/seeds', '<rootDir>/e2e'],
  testMatch: ['**/?(*.)test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.ts$': swc },
  globalSetup: '<rootDir>/packages/testkit/dist/global-setup.js',
  globalTeardown: '<rootDir>/packages/testkit/dist/global-teardown.js',
  testTimeout: 120000,
  maxWorkers: 2,
};
