export * from './policy';
export * from './plan';
