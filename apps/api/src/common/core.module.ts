import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../libs/config/src';
import { openDatabase } from '../../../../libs/persistence/src';
import { AllExceptionsFilter } from './exception.filter';
import { IdempotencyService } from './idempotency';
import { APP_CONFIG } from './tokens';

/** Configuration, the database and the cross-cutting services, available to every module. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      imports: [JwtModule.register({ global: true, secret: config.auth.jwtSecret })],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DataSource, useFactory: () => openDatabase(config.database.url, { migrate: true }) },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        IdempotencyService,
      ],
      exports: [APP_CONFIG, DataSource, IdempotencyService],
    };
  }
}
