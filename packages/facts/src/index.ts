export * from './contract';
export * from './discrepancy-facts';
export * from './household-facts';
