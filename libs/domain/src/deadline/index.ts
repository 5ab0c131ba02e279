export * from './policy';
export * from './plan';
export * from './escalation';
export * from './bounds';
