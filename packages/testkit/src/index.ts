export * from './graphql-client';
export * from './hub';
export * from './tokens';
export { TEST_DISTRICT } from './global-setup';
export * from './databases';
export * from './statements';
export * from './seed-manifest';
export * from './authorization';
export * from './production';
