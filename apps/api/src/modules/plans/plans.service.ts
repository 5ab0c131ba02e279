import { Injectable } from '@nestjs/common';
import { DEFAULT_POLICY, mergePolicy, validatePolicyOverride } from '../../../../../libs/domain/src/deadline';
import { Caller } from '../../common/auth';
import { PageQueryDto } from '../../common/dto';
import { InvalidInputError, NotFoundError } from '../../common/errors';
import { validatePlanContent } from './plan-settings.service';
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
    await this.assertCoordinators(dto.coordinatorIds ?? []);
    const coordinators = [...new Set([...(caller.role === 'coordinator' ? [caller.userId] : []), ...(dto.coordinatorIds ?? [])])];
    const p = await this.plans.insert({
      name: dto.name, year: dto.year, ownerUnitId: dto.ownerUnitId ?? null, timeZone: policy.timeZone, policy, coordinatorIds: coordinators, ...content,
      seriesScope: dto.circularSeries ?? 'office_year',
    });
    return planView(p);
  }

  /** Coordinators receive the plan's notices: each must be an existing coordinator account. */
  private async assertCoordinators(ids: string[]) {
    const rows = await this.plans.usersByIds(ids);
    ids.forEach((id, i) => {
      const user = rows.find((r) => r.id === id);
      if (!user) throw new NotFoundError(`No user ${id}`, `coordinatorIds[${i}]`);
      if (user.role !== 'coordinator') throw new InvalidInputError(`coordinatorIds[${i}]: ${id} is not a coordinator`, [{ field: `coordinatorIds[${i}]`, message: 'not a coordinator' }]);
    });
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
