import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

@Module({ imports: [ProjectsModule], controllers: [ReportsController], providers: [ReportsService, ReportsRepository], exports: [ReportsService] })
export class ReportsModule {}
