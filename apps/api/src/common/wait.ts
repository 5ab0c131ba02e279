import { Duration } from 'luxon';
import type { AppConfig } from '../../../../libs/config/src';

/** The bound on every wait of a request on PostgreSQL or Temporal (API_WAIT_TIMEOUT), in milliseconds. */
export const waitMillis = (config: AppConfig) => Duration.fromISO(config.api.waitTimeout).toMillis();
