export * from './services';
export * from './processes';
export * from './migrate';
export * from './supervisor';
