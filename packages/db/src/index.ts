export * from './database-url';
export * from './embedded-postgres';
export * from './postgres-server';
export * from './orm';
export * from './runtime-role';
