export * from './http-server';
export * from './front-door';
export * from './env-config';
