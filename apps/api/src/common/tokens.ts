/** Injection tokens for values that are not classes. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
