import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../libs/config/src';
import { openDatabase } from '../../../libs/persistence/src';
import { AllExceptionsFilter } from './common/exception.filter';
import { IdempotencyService } from './common/idempotency';
import { ScopeService } from './common/scope';
import { APP_CONFIG } from './common/tokens';
import { AuthController } from './modules/auth/auth.controller';
import { AuthGuard } from './modules/auth/auth.guard';
import { AuthService } from './modules/auth/auth.service';
import { CalendarModule } from './modules/calendar/calendar.module';
import { CircularsModule } from './modules/circulars/circulars.module';
import { DashboardModule } from './modules/dashboard/dashboard.module';
import { DispatchModule } from './modules/dispatch/dispatch.module';
import { HealthModule } from './modules/health/health.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { PlansModule } from './modules/plans/plans.module';
import { ProjectsController } from './modules/projects/projects.controller';
import { ProjectsRepository } from './modules/projects/projects.repository';
import { ProjectsService } from './modules/projects/projects.service';
import { ReportsController } from './modules/reports/reports.controller';
import { ReportsService } from './modules/reports/reports.service';
import { RectificationsModule } from './modules/rectifications/rectifications.module';
import { UnitsModule } from './modules/units/units.module';
import { UsersModule } from './modules/users/users.module';
import { TemporalModule } from './temporal/temporal.module';

/** Configuration and the database, available to every module. */
@Global()
@Module({})
class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      imports: [JwtModule.register({ global: true, secret: config.auth.jwtSecret })],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DataSource, useFactory: () => openDatabase(config.database.url, { migrate: true }) },
        ScopeService,
        IdempotencyService,
      ],
      exports: [APP_CONFIG, DataSource, ScopeService, IdempotencyService],
    };
  }
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.forRoot(config), TemporalModule, UnitsModule, UsersModule, PlansModule, NotificationsModule, DashboardModule, HealthModule, CalendarModule,
        DispatchModule, CircularsModule, RectificationsModule],
      controllers: [AuthController, ProjectsController, ReportsController],
      providers: [
        AuthService, ProjectsService, ProjectsRepository, ReportsService,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
