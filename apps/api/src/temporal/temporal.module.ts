import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { AppConfig, closeClient, connectClient } from '../../../../libs/config/src';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../common/tokens';
import { DispatchGateway } from './dispatch.gateway';
import { ProjectGateway } from './project.gateway';
import { RectificationGateway } from './rectification.gateway';
import { TemporalProbe } from './temporal.probe';

const GATEWAYS = [ProjectGateway, RectificationGateway, DispatchGateway, TemporalProbe];

/** The Temporal client, connected once at start and closed on shutdown, and every gateway that uses it. */
@Global()
@Module({
  providers: [
    {
      provide: TEMPORAL_CLIENT,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) =>
        new Client({ connection: await connectClient(config.temporal), namespace: config.temporal.namespace }),
    },
    ...GATEWAYS,
  ],
  exports: [TEMPORAL_CLIENT, ...GATEWAYS],
})
export class TemporalModule implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await closeClient(this.client.connection as Connection);
  }
}
