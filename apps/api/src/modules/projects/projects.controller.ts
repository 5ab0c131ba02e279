import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller, Roles } from '../../common/auth';
import { PageQueryDto } from '../../common/dto';
import { NotFoundError } from '../../common/errors';
import { IdempotencyService } from '../../common/idempotency';
import { ScopeService } from '../../common/scope';
import { AmendMilestonesDto, CloseProjectDto, CreateProjectDto, ListProjectsQueryDto } from './projects.dto';
import { ProjectsRepository } from './projects.repository';
import { ProjectsService } from './projects.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('No such project', 'id') });

@ApiTags('projects')
@ApiBearerAuth()
@Controller('api/projects')
export class ProjectsController {
  constructor(
    private readonly service: ProjectsService,
    private readonly projects: ProjectsRepository,
    private readonly scope: ScopeService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Post() @Roles('coordinator') @ApiHeader({ name: 'Idempotency-Key', required: false })
  create(@CurrentCaller() caller: Caller, @Body() dto: CreateProjectDto, @Headers('idempotency-key') key?: string) {
    return this.service.create(caller, dto, this.idempotency.validateKey(key));
  }

  @Get()
  list(@CurrentCaller() caller: Caller, @Query() q: ListProjectsQueryDto) {
    return this.projects.list(caller, q);
  }

  @Get(':id')
  async get(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    await this.scope.readableProject(caller, id);
    return this.projects.get(id);
  }

  @Get(':id/events')
  async events(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Query() q: PageQueryDto) {
    await this.scope.readableProject(caller, id);
    return this.projects.events(id, q.page, q.pageSize);
  }

  @Post(':id/close') @HttpCode(200) @Roles('coordinator') @ApiHeader({ name: 'Idempotency-Key', required: false })
  close(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body() dto: CloseProjectDto, @Headers('idempotency-key') key?: string) {
    return this.service.close(caller, id, dto, this.idempotency.validateKey(key));
  }

  @Put(':id/milestones') @Roles('coordinator') @ApiHeader({ name: 'Idempotency-Key', required: false })
  amend(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body() dto: AmendMilestonesDto, @Headers('idempotency-key') key?: string) {
    return this.service.amendMilestones(caller, id, dto, this.idempotency.validateKey(key));
  }
}
