export * from './locale';
export * from './format';
export * from './render';
