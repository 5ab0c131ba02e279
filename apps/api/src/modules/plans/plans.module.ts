import { Module } from '@nestjs/common';
import { PlanSettingsService } from './plan-settings.service';
import { PlansController } from './plans.controller';
import { PlansRepository } from './plans.repository';
import { PlansService } from './plans.service';
import { PortfolioReader } from './portfolio.reader';

@Module({ controllers: [PlansController], providers: [PlansService, PlansRepository, PortfolioReader, PlanSettingsService], exports: [PlansService, PlansRepository, PortfolioReader] })
export class PlansModule {}
