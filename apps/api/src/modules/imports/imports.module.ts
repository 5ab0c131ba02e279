import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { DispatchModule } from '../dispatch/dispatch.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { RectificationsModule } from '../rectifications/rectifications.module';
import { ReportsModule } from '../reports/reports.module';
import { ExportsController } from './exports.controller';
import { ImportsController } from './imports.controller';
import { ImportsRepository } from './imports.repository';
import { ImportsService } from './imports.service';

/** Task tables in (preview, confirm) and lists out as workbooks. Registered before the plans module: its fixed paths come before /api/plans/:id. */
@Module({ imports: [ProjectsModule, RectificationsModule, ReportsModule, DispatchModule, NotificationsModule], controllers: [ImportsController, ExportsController], providers: [ImportsService, ImportsRepository], exports: [ImportsService] })
export class ImportsModule {}
