import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { RectificationsController } from './rectifications.controller';
import { RectificationsRepository } from './rectifications.repository';
import { RectificationsService } from './rectifications.service';

@Module({ imports: [ProjectsModule], controllers: [RectificationsController], providers: [RectificationsService, RectificationsRepository], exports: [RectificationsService] })
export class RectificationsModule {}
