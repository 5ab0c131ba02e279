import { Module } from '@nestjs/common';
import { DispatchController } from './dispatch.controller';
import { DispatchRepository } from './dispatch.repository';
import { DispatchService } from './dispatch.service';

@Module({ controllers: [DispatchController], providers: [DispatchService, DispatchRepository], exports: [DispatchService] })
export class DispatchModule {}
