export * from './data-source';
export * from './entities';
export { MIGRATIONS } from './migrations';
