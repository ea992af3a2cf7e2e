export * from './departments';
export * from './environment';
