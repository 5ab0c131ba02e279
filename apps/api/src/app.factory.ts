import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { DataSource } from 'typeorm';
import type { AppConfig, Logger } from '../../../libs/config/src';
import { seedCalendar } from '../../../activities/calendar/calendar.store';
import { AppModule } from './app.module';
import { assignRequestId } from './common/request-id';
import { createValidationPipe } from './common/validation';
import { AuthService } from './modules/auth/auth.service';

/** Builds the API (used by main.ts and by the end-to-end tests): migrations run, admin exists, OpenAPI at /api/docs. */
export async function createApiApp(config: AppConfig, logger?: Logger): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    abortOnError: false,
    logger: logger
      ? {
          // Nest's own start-up chatter (routes mapped, modules loaded) is debug detail.
          log: (m: unknown) => logger.debug(String(m)),
          error: (m: unknown, trace?: string) => logger.error({ trace }, String(m)),
          warn: (m: unknown) => logger.warn(String(m)),
          debug: (m: unknown) => logger.debug(String(m)),
          verbose: (m: unknown) => logger.trace(String(m)),
        }
      : false,
  });
  app.disable('x-powered-by');
  app.use(helmet());
  app.use(assignRequestId);
  app.useBodyParser('json', { limit: '256kb' });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  await app.get(AuthService).ensureAdmin();
  await seedCalendar(app.get(DataSource));
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Key-project supervision API')
      .setDescription('Plans, key projects, reports, reviews, extensions, notifications and dashboards. Writes go through Temporal; reads come from PostgreSQL.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
