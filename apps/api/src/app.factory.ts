import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { DataSource } from 'typeorm';
import { AppConfig, createLogger, Logger } from '../../../libs/config/src';
import { seedCalendar } from '../../../activities/calendar/calendar.store';
import { AppModule } from './app.module';
import { assignRequestId } from './common/request-id';
import { completeOpenApi, publicOperations } from './common/openapi';
import { createValidationPipe } from './common/validation';
import { TokenAuthenticator } from './modules/auth/token.authenticator';
import type { NextFunction, Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { AuthService } from './modules/auth/auth.service';

/**
 * helmet's headers on every answer (nosniff, frame-ancestors/X-Frame-Options, a same-origin CSP, no referrer
 * leaks), and `Cache-Control: no-store` on everything the API answers itself, JSON, spreadsheets and the HTML
 * circular alike: they hold data a shared cache must not keep.
 */
function securityHeaders() {
  const headers = helmet({ crossOriginEmbedderPolicy: false, frameguard: { action: 'deny' } });
  return (req: Request, res: Response, next: NextFunction) =>
    headers(req, res, () => {
      if (/^\/(api|health|metrics)(\/|-|$)/.test(req.path)) res.setHeader('Cache-Control', 'no-store');
      next();
    });
}

/** The OpenAPI document and its UI as API_DOCS_ACCESS says: open, only with an admin's token, or not at all (404). */
function exposureOfDocs(app: INestApplication, config: AppConfig) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (!/^\/api\/docs(\/|-json|$)/.test(req.path) || config.exposure.apiDocs === 'open') return next();
    const refuse = (statusCode: number, message: string) => res.status(statusCode).json({ statusCode, error: STATUS_CODES[statusCode], message });
    if (config.exposure.apiDocs === 'off') return refuse(404, 'Not found');
    try {
      const caller = await app.get(TokenAuthenticator).authenticate(req.headers.authorization);
      if (caller.role !== 'admin') return refuse(403, 'Only an admin may read the API documents');
      return next();
    } catch (err) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="api"');
      return refuse(401, (err as Error).message);
    }
  };
}

/**
 * Builds the API (used by main.ts and by the end-to-end tests): migrations run, admin exists, OpenAPI at /api/docs.
 * Nest's own messages and the request lines go to `logger`, by default a new one at LOG_LEVEL (tests: silent).
 */
export async function createApiApp(config: AppConfig, logger: Logger = createLogger(config, 'api')): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logger), {
    bodyParser: false,
    abortOnError: false,
    logger: {
      // Nest's own start-up chatter (routes mapped, modules loaded) is debug detail.
      log: (m: unknown) => logger.debug(String(m)),
      error: (m: unknown, trace?: string) => logger.error({ trace }, String(m)),
      warn: (m: unknown) => logger.warn(String(m)),
      debug: (m: unknown) => logger.debug(String(m)),
      verbose: (m: unknown) => logger.trace(String(m)),
    },
  });
  app.disable('x-powered-by');
  app.use(assignRequestId);
  app.use(securityHeaders());
  app.use(exposureOfDocs(app, config));
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
  const controllers = [...app.get(ModulesContainer).values()].flatMap((m) => [...m.controllers.values()].map((c) => c.metatype as Function));
  SwaggerModule.setup('api/docs', app, completeOpenApi(doc, publicOperations(controllers)), { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
