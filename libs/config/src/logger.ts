import pino, { Logger } from 'pino';
import type { AppConfig } from './config';

/** Structured JSON logs, one line each, on stdout. */
export function createLogger(config: Pick<AppConfig, 'logLevel'>, name: string): Logger {
  return pino({ name, level: config.logLevel, base: { service: name }, timestamp: pino.stdTimeFunctions.isoTime });
}
export type { Logger };
