import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller } from '../../common/auth';
import { CreateUnitDto, ListUnitsQueryDto } from './units.dto';
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
}
