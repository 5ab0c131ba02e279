import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller } from '../../common/auth';
import { PageQueryDto } from '../../common/dto';
import { NotFoundError } from '../../common/errors';
import { IdempotencyService } from '../../common/idempotency';
import { AmendMilestonesDto, CloseProjectDto, CreateProjectDto, ListProjectsQueryDto } from './projects.dto';
import { ProjectsService } from './projects.service';
import { Policy } from '../../policy/policy.decorator';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('No such project', 'id') });

@ApiTags('projects')
@ApiBearerAuth()
@Controller('api/projects')
export class ProjectsController {
  constructor(
    private readonly service: ProjectsService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Policy('plan.coordinate') @Post() @ApiHeader({ name: 'Idempotency-Key', required: false })
  create(@CurrentCaller() caller: Caller, @Body() dto: CreateProjectDto, @Headers('idempotency-key') key?: string) {
    return this.service.create(caller, dto, this.idempotency.validateKey(key));
  }

  @Policy('project.read') @Get()
  list(@CurrentCaller() caller: Caller, @Query() q: ListProjectsQueryDto) {
    return this.service.list(caller, q);
  }

  @Policy('project.read') @Get(':id')
  get(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string) {
    return this.service.get(caller, id);
  }

  @Policy('project.read') @Get(':id/events')
  events(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Query() q: PageQueryDto) {
    return this.service.events(caller, id, q);
  }

  @Policy('project.coordinate') @Post(':id/close') @HttpCode(200) @ApiHeader({ name: 'Idempotency-Key', required: false })
  close(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body() dto: CloseProjectDto, @Headers('idempotency-key') key?: string) {
    return this.service.close(caller, id, dto, this.idempotency.validateKey(key));
  }

  @Policy('project.coordinate') @Put(':id/milestones') @ApiHeader({ name: 'Idempotency-Key', required: false })
  amend(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body() dto: AmendMilestonesDto, @Headers('idempotency-key') key?: string) {
    return this.service.amendMilestones(caller, id, dto, this.idempotency.validateKey(key));
  }
}
