export * from './access-log.migration';
export * from './access-log.resolver';
export * from './access-log.routes';
export * from './append';
export * from './audit-recorder';
export * from './chain';
export * from './verify-database';
export * from './read-events';
