export * from './kinds';
export * from './progress';
export * from './school-construction';
export * from './teacher-rotation';
export * from './training-quota';
export * from './indicator';
export * from './evaluate';
export { DEFAULT_ZONE } from './time';
export * from './rule-checks';
