import { ConfigError, createLogger, loadConfig } from '../../../libs/config/src';
import { createApiApp } from './app.factory';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config, 'api');
  const app = await createApiApp(config, logger);
  await app.listen(config.api.port, config.api.host);
  logger.info({ url: config.api.publicUrl, docs: `${config.api.publicUrl}/api/docs` }, 'api listening');
}

main().catch((err) => {
  const message = err instanceof ConfigError ? err.message : (err as Error).message;
  process.stderr.write(`${JSON.stringify({ level: 'fatal', service: 'api', msg: message })}\n`);
  process.exit(1);
});
