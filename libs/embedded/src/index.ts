export * from './net';
export * from './postgres';
export * from './temporal-dev-server';
export * from './tools';
