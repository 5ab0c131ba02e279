import { Module } from '@nestjs/common';
import { DeliveriesController, DispatchController } from './dispatch.controller';
import { DispatchGateway } from './dispatch.gateway';
import { DispatchService } from './dispatch.service';

@Module({ controllers: [DispatchController, DeliveriesController], providers: [DispatchService, DispatchGateway], exports: [DispatchGateway] })
export class DispatchModule {}
