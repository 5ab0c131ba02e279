import { Injectable } from '@nestjs/common';
import { DEFAULT_POLICY, mergePolicy, validatePolicyOverride } from '../../../../../libs/domain/src/deadline';
import { Caller } from '../../common/auth';
import { PageQueryDto } from '../../common/dto';
import { NotFoundError } from '../../common/errors';
import { checkCoordinators, validatePlanContent } from './plan-settings.service';
import { CreatePlanDto, planView } from './plans.dto';
import { PlansRepository } from './plans.repository';
import { PortfolioReader } from './portfolio.reader';

@Injectable()
export class PlansService {
  constructor(
    private readonly plans: PlansRepository,
    private readonly portfolio: PortfolioReader,
  ) {}

  async create(caller: Caller, dto: CreatePlanDto) {
    const policy = mergePolicy(DEFAULT_POLICY, dto.policy ? validatePolicyOverride(dto.policy, 'policy') : undefined);
    const content = validatePlanContent(dto);
    if (dto.ownerUnitId && !(await this.plans.unitExists(dto.ownerUnitId))) throw new NotFoundError(`No unit ${dto.ownerUnitId}`, 'ownerUnitId');
    checkCoordinators(dto.coordinatorIds ?? [], await this.plans.usersByIds(dto.coordinatorIds ?? []));
    const coordinators = [...new Set([...(caller.role === 'coordinator' ? [caller.userId] : []), ...(dto.coordinatorIds ?? [])])];
    const p = await this.plans.insert({
      name: dto.name, year: dto.year, ownerUnitId: dto.ownerUnitId ?? null, timeZone: policy.timeZone, policy, coordinatorIds: coordinators, ...content,
      seriesScope: dto.circularSeries ?? 'office_year',
    });
    return planView(p);
  }

  async list(q: PageQueryDto) {
    return this.plans.page(q, planView);
  }

  async get(id: string) {
    const p = await this.plans.get(id);
    if (!p) throw new NotFoundError(`No plan ${id}`, 'id');
    return { ...planView(p), portfolio: await this.portfolio.forPlan(p) };
  }
}
