export * from './units';
export * from './figures';
export * from './quantity';
export * from './templates';
export * from './classification';
export * from './series';
