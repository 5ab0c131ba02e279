import { Body, Controller, Get, Injectable, Module, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { DEFAULT_POLICY, mergePolicy, validatePolicyOverride } from '../../../../../libs/domain/src/deadline';
import { validatePortfolioTarget } from '../../../../../libs/domain/src/portfolio';
import { Caller, CurrentCaller, Roles } from '../../common/auth';
import { IsPlainObject, PageQueryDto } from '../../common/dto';
import { InvalidInputError, NotFoundError } from '../../common/errors';
import { PortfolioReader } from './portfolio.reader';

export class CreatePlanDto {
  @ApiProperty({ example: '2016年教育重点工程' }) @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty({ example: 2016 }) @IsInt() @Min(2000) @Max(2100) year!: number;
  @ApiPropertyOptional() @IsOptional() @IsUUID() ownerUnitId?: string;
  @ApiPropertyOptional({ description: 'Deadline policy (ISO 8601 durations); defaults fill what is absent' }) @IsOptional() @IsPlainObject() policy?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'Portfolio targets, e.g. 30 schools reaching opening by 2016-12-31' }) @IsOptional() @IsArray() @ArrayMaxSize(50) portfolioTargets?: unknown[];
  @ApiPropertyOptional({ description: 'Coordinators of the plan besides the creator' }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsUUID(undefined, { each: true }) coordinatorIds?: string[];
}

const view = (p: Record<string, any>) => ({
  id: p.id, name: p.name, year: p.year, ownerUnitId: p.owner_unit_id, timeZone: p.time_zone, policy: p.policy,
  portfolioTargets: p.portfolio_targets, coordinatorIds: p.coordinator_ids, createdAt: new Date(p.created_at).toISOString(),
});

@Injectable()
export class PlansService {
  constructor(
    private readonly ds: DataSource,
    private readonly portfolio: PortfolioReader,
  ) {}

  async create(caller: Caller, dto: CreatePlanDto) {
    const policy = mergePolicy(DEFAULT_POLICY, dto.policy ? validatePolicyOverride(dto.policy, 'policy') : undefined);
    const targets = (dto.portfolioTargets ?? []).map((t, i) => validatePortfolioTarget(t, `portfolioTargets[${i}]`));
    if (dto.ownerUnitId && !(await this.ds.query('SELECT 1 FROM units WHERE id = $1', [dto.ownerUnitId])).length) throw new NotFoundError(`No unit ${dto.ownerUnitId}`, 'ownerUnitId');
    await this.assertCoordinators(dto.coordinatorIds ?? []);
    const coordinators = [...new Set([...(caller.role === 'coordinator' ? [caller.userId] : []), ...(dto.coordinatorIds ?? [])])];
    const [p] = await this.ds.query(
      `INSERT INTO plans (name, year, owner_unit_id, time_zone, policy, portfolio_targets, coordinator_ids) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [dto.name, dto.year, dto.ownerUnitId ?? null, policy.timeZone, JSON.stringify(policy), JSON.stringify(targets), coordinators],
    );
    return view(p);
  }

  /** Coordinators receive the plan's notices: each must be an existing coordinator account. */
  private async assertCoordinators(ids: string[]) {
    const rows: Array<{ id: string; role: string }> = ids.length ? await this.ds.query('SELECT id, role FROM users WHERE id = ANY($1)', [ids]) : [];
    ids.forEach((id, i) => {
      const user = rows.find((r) => r.id === id);
      if (!user) throw new NotFoundError(`No user ${id}`, `coordinatorIds[${i}]`);
      if (user.role !== 'coordinator') throw new InvalidInputError(`coordinatorIds[${i}]: ${id} is not a coordinator`, [{ field: `coordinatorIds[${i}]`, message: 'not a coordinator' }]);
    });
  }

  async list(q: PageQueryDto) {
    const rows = await this.ds.query('SELECT * FROM plans ORDER BY year DESC, created_at LIMIT $1 OFFSET $2', [q.pageSize, (q.page - 1) * q.pageSize]);
    const [{ total }] = await this.ds.query('SELECT count(*)::int AS total FROM plans');
    return { items: rows.map(view), page: q.page, pageSize: q.pageSize, total };
  }

  async get(id: string) {
    const [p] = await this.ds.query('SELECT * FROM plans WHERE id = $1', [id]);
    if (!p) throw new NotFoundError(`No plan ${id}`, 'id');
    return { ...view(p), portfolio: await this.portfolio.forPlan(p) };
  }
}

@ApiTags('plans')
@ApiBearerAuth()
@Controller('api/plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Post() @Roles('coordinator', 'admin')
  create(@CurrentCaller() caller: Caller, @Body() dto: CreatePlanDto) {
    return this.plans.create(caller, dto);
  }

  @Get()
  list(@Query() q: PageQueryDto) {
    return this.plans.list(q);
  }

  @Get(':id')
  get(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('No such plan', 'id') })) id: string) {
    return this.plans.get(id);
  }
}

@Module({ controllers: [PlansController], providers: [PlansService, PortfolioReader], exports: [PlansService, PortfolioReader] })
export class PlansModule {}
