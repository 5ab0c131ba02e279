import { Module } from '@nestjs/common';
import { CircularsController } from './circulars.controller';
import { CircularsRepository } from './circulars.repository';
import { CircularsService } from './circulars.service';

@Module({ controllers: [CircularsController], providers: [CircularsService, CircularsRepository] })
export class CircularsModule {}
