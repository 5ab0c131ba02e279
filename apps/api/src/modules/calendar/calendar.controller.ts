import { Body, Controller, Get, Param, ParseIntPipe, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../common/auth';
import { CalendarQueryDto, CalendarYearDto } from './calendar.dto';
import { CalendarService } from './calendar.service';

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('api/calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get()
  list(@Query() q: CalendarQueryDto) {
    return this.calendar.list(q.locality);
  }

  @Put(':year') @Roles('admin')
  put(@Param('year', ParseIntPipe) year: number, @Body() dto: CalendarYearDto, @Query() q: CalendarQueryDto) {
    return this.calendar.put(year, dto, q.locality);
  }
}
