import type { AppConfig, Logger } from '../../config/src';

/** Loads the demo organisation and plans through the API (filled in by the demo-data work). */
export async function seedDemo(_config: AppConfig, logger: Logger): Promise<void> {
  logger.info('no demo data yet');
}
