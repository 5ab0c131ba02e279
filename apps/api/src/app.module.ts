import { DynamicModule, Module } from '@nestjs/common';
import type { AppConfig, Logger } from '../../../libs/config/src';
import { CoreModule } from './common/core.module';
import { AuthModule } from './modules/auth/auth.module';
import { CalendarModule } from './modules/calendar/calendar.module';
import { CircularsModule } from './modules/circulars/circulars.module';
import { DashboardModule } from './modules/dashboard/dashboard.module';
import { DispatchModule } from './modules/dispatch/dispatch.module';
import { HealthModule } from './modules/health/health.module';
import { ImportsModule } from './modules/imports/imports.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { PlansModule } from './modules/plans/plans.module';
import { ProjectsModule } from './modules/projects/projects.module';
import { RectificationsModule } from './modules/rectifications/rectifications.module';
import { ReportsModule } from './modules/reports/reports.module';
import { UnitsModule } from './modules/units/units.module';
import { UsersModule } from './modules/users/users.module';
import { PolicyModule } from './policy/policy.module';
import { WebModule } from './modules/web/web.module';
import { TemporalModule } from './temporal/temporal.module';

/** The API: only modules, one per area under modules/, plus the core, the access policy and the Temporal gateways. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, logger),
        PolicyModule,
        TemporalModule,
        AuthModule,
        UnitsModule,
        UsersModule,
        ImportsModule,
        PlansModule,
        ProjectsModule,
        ReportsModule,
        RectificationsModule,
        DispatchModule,
        CircularsModule,
        NotificationsModule,
        DashboardModule,
        CalendarModule,
        HealthModule,
        WebModule,
      ],
    };
  }
}
