export * from './id-number';
export * from './person-key';
export * from './regions';
export * from './codes';
export * from './clock';
export * from './sla';
