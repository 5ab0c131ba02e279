export * from './config';
export * from './logger';
export * from './temporal';
export * from './cluster';
export * from './secret';
