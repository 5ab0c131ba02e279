import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { AppConfig, connectClient } from '../../../../libs/config/src';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../common/tokens';
import { ProjectGateway } from './project.gateway';

/** The Temporal client, connected once at start and closed on shutdown. */
@Global()
@Module({
  providers: [
    {
      provide: TEMPORAL_CLIENT,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) =>
        new Client({ connection: await connectClient(config.temporal), namespace: config.temporal.namespace }),
    },
    ProjectGateway,
  ],
  exports: [TEMPORAL_CLIENT, ProjectGateway],
})
export class TemporalModule implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}
