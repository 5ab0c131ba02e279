import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppConfig, Logger, tokenSigningSecret } from '../../../../libs/config/src';
import { openDatabase } from '../../../../libs/persistence/src';
import { AllExceptionsFilter } from './exception.filter';
import { ReaderLocaleService, RenderTextsInterceptor } from './i18n';
import { IdempotencyService } from './idempotency';
import { IdempotencyRepository } from './idempotency.repository';
import { requestLogParams } from './request-log';
import { WRITES_THROTTLER } from './throttle';
import { RequestTimeoutInterceptor } from './timeout.interceptor';
import { APP_CONFIG } from './tokens';
import { waitMillis } from './wait';
import { CallerLoader } from '../modules/auth/caller.loader';
import { CallerRepository } from '../modules/auth/caller.repository';
import { TokenAuthenticator } from '../modules/auth/token.authenticator';

/** Configuration, the database, request logs and the cross-cutting services, available to every module. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        LoggerModule.forRoot(requestLogParams(logger)),
        JwtModule.register({
          global: true,
          secret: tokenSigningSecret(config),
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
        // Named throttlers: others (sign-in) are added beside this one.
        ThrottlerModule.forRoot({ throttlers: [{ name: WRITES_THROTTLER, ttl: 60_000, limit: config.api.writesPerMinute }] }),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        {
          provide: DataSource,
          // Every query of a request is bounded too: past API_WAIT_TIMEOUT it fails, and the filter answers 503.
          useFactory: () => openDatabase(config.database.url, { migrate: true, pool: { connectionTimeoutMillis: Math.min(5000, waitMillis(config)), query_timeout: waitMillis(config) } }),
        },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_INTERCEPTOR, useClass: RequestTimeoutInterceptor },
        { provide: APP_INTERCEPTOR, useClass: RenderTextsInterceptor },
        IdempotencyService,
        IdempotencyRepository,
        ReaderLocaleService,
        CallerLoader,
        CallerRepository,
        TokenAuthenticator,
      ],
      exports: [APP_CONFIG, DataSource, IdempotencyService, ReaderLocaleService, CallerLoader, TokenAuthenticator],
    };
  }
}
