export * from './dates';
export * from './headers';
export * from './rows';
export * from './targets';
export * from './units';
