// Workflow-safe barrel: pure rules only. The calendar seed (which reads a package's data) is imported from calendar/seed.
export * from './calendar';
export * from './deadline';
export * from './duration';
export * from './errors';
export * from './milestone-status';
export * from './status';
export * from './targets';
