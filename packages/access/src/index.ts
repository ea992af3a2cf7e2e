export * from './errors';
export * from './identity';
export * from './home';
export * from './keys';
export * from './tokens';
export * from './jurisdiction';
export * from './input';
