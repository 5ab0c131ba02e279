import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller } from '../../common/auth';
import { PageQueryDto } from '../../common/dto';
import { NotFoundError } from '../../common/errors';
import { Idempotent, IdempotencyKey } from '../../common/idempotency';
import { AmendMilestonesDto, CloseProjectDto, CreateProjectDto, ListProjectsQueryDto } from './projects.dto';
import { ProjectsService } from './projects.service';
import { Policy } from '../../policy/policy.decorator';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('No such project', 'id') });

@ApiTags('projects')
@ApiBearerAuth()
@Controller('api/projects')
export class ProjectsController {
  constructor(private readonly service: ProjectsService) {}

  @Policy('plan.coordinate') @Post()
  create(@CurrentCaller() caller: Caller, @Body() dto: CreateProjectDto, @IdempotencyKey() idem: Idempotent) {
    return this.service.create(caller, dto, idem);
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

  @Policy('project.coordinate') @Post(':id/close') @HttpCode(200)
  close(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body() dto: CloseProjectDto, @IdempotencyKey() idem: Idempotent) {
    return this.service.close(caller, id, dto, idem);
  }

  @Policy('project.coordinate') @Put(':id/milestones')
  amend(@CurrentCaller() caller: Caller, @Param('id', uuid) id: string, @Body() dto: AmendMilestonesDto, @IdempotencyKey() idem: Idempotent) {
    return this.service.amendMilestones(caller, id, dto, idem);
  }
}
