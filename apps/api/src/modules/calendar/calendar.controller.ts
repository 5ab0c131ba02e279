import { Body, Controller, Get, Param, ParseIntPipe, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CalendarQueryDto, CalendarYearDto } from './calendar.dto';
import { CalendarService } from './calendar.service';
import { Policy } from '../../policy/policy.decorator';

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('api/calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Policy('signed-in') @Get()
  list(@Query() q: CalendarQueryDto) {
    return this.calendar.list(q.locality);
  }

  @Policy('admin') @Put(':year')
  put(@Param('year', ParseIntPipe) year: number, @Body() dto: CalendarYearDto, @Query() q: CalendarQueryDto) {
    return this.calendar.put(year, dto, q.locality);
  }
}
