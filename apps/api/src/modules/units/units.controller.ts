import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller } from '../../common/auth';
import { NotFoundError } from '../../common/errors';
import { CreateUnitDto, ListUnitsQueryDto, UnitAccountsQueryDto } from './units.dto';
import { UnitsService } from './units.service';
import { Policy } from '../../policy/policy.decorator';

@ApiTags('units')
@ApiBearerAuth()
@Controller('api/units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Policy('admin') @Post()
  create(@Body() dto: CreateUnitDto) {
    return this.units.create(dto);
  }

  @Policy('signed-in') @Get()
  list(@CurrentCaller() caller: Caller, @Query() q: ListUnitsQueryDto) {
    return this.units.list(caller, q);
  }

  /** The accounts of a unit and the units below it, to choose a project's owner account or a plan's coordinators by name. */
  @Policy('plan.create') @Get(':id/accounts')
  accounts(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('No such unit', 'id') })) id: string, @Query() q: UnitAccountsQueryDto) {
    return this.units.accounts(id, q.role);
  }
}
