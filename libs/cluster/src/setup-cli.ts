import { ConfigError, connectClient, createLogger, loadConfig } from '../../config/src';
import { ensureNamespace } from './namespace';

/**
 * `node dist/libs/cluster/src/setup-cli.js`: registers TEMPORAL_NAMESPACE and the workflows' search
 * attributes on the Temporal at TEMPORAL_ADDRESS (TLS / API key as the apps use them). Idempotent; run once
 * per deployment before the workers (compose's temporal-setup service, the Kubernetes temporal-setup Job).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config, 'temporal-setup');
  const result = await ensureNamespace(() => connectClient(config.temporal), config.temporal.namespace);
  logger.info({ namespace: config.temporal.namespace, temporal: config.temporal.address, ...result }, 'namespace and search attributes are registered');
}

main().catch((err) => {
  const message = err instanceof ConfigError ? err.message : (err as Error).message;
  process.stderr.write(`${JSON.stringify({ level: 'fatal', service: 'temporal-setup', msg: message })}\n`);
  process.exit(1);
});
