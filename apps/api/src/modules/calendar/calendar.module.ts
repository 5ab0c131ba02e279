import { Body, Controller, Get, Inject, Injectable, Module, Param, ParseIntPipe, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { DEFAULT_LOCALITY } from '../../../../../activities/calendar/calendar.store';
import { projectWorkflowId } from '../../../../../libs/contracts/src';
import { validateCalendar } from '../../../../../libs/domain/src/calendar';
import { calendarChangedSignal } from '../../../../../workflows/project/project.messages';
import { Roles } from '../../common/auth';
import { InvalidInputError } from '../../common/errors';
import { TEMPORAL_CLIENT } from '../../common/tokens';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class CalendarYearDto {
  @ApiProperty({ type: [String], description: 'Official days off (public holidays), YYYY-MM-DD', example: ['2027-10-01'] })
  @IsArray() @ArrayMaxSize(120) @IsString({ each: true }) @Matches(DAY, { each: true, message: 'each day must be YYYY-MM-DD' }) holidays!: string[];
  @ApiProperty({ type: [String], description: 'Swapped working days (调休) on weekends, YYYY-MM-DD', example: ['2027-09-26'] })
  @IsArray() @ArrayMaxSize(60) @IsString({ each: true }) @Matches(DAY, { each: true, message: 'each day must be YYYY-MM-DD' }) workdays!: string[];
}
export class CalendarQueryDto {
  @ApiPropertyOptional({ default: DEFAULT_LOCALITY }) @IsOptional() @IsString() @Matches(/^[a-z0-9_-]{1,64}$/) locality?: string;
}

/** The working-day calendar the product keeps: seeded from the package, edited by an admin when a schedule is published or a locality adjusts it. */
@Injectable()
export class CalendarService {
  constructor(
    private readonly ds: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  async list(locality = DEFAULT_LOCALITY) {
    const rows = await this.ds.query('SELECT year, holidays, workdays, source, updated_at FROM calendar_years WHERE locality = $1 ORDER BY year', [locality]);
    return rows.map((r: any) => ({ year: r.year, holidays: r.holidays, workdays: r.workdays, source: r.source, updatedAt: new Date(r.updated_at).toISOString() }));
  }

  /** Replaces one year's schedule, then tells every open project to re-plan its reminders and escalations. */
  async put(year: number, dto: CalendarYearDto, locality = DEFAULT_LOCALITY) {
    if (year < 2000 || year > 2100) throw new InvalidInputError('year: must be between 2000 and 2100', [{ field: 'year', message: 'out of range' }]);
    const cal = validateCalendar({ years: { [String(year)]: { holidays: dto.holidays, workdays: dto.workdays } } }, 'body');
    const outside = [...dto.holidays, ...dto.workdays].find((d) => !d.startsWith(`${year}-`));
    if (outside) throw new InvalidInputError(`body: ${outside} is not in ${year}`, [{ field: 'holidays', message: `${outside} is not in ${year}` }]);
    const day = cal.years[String(year)];
    await this.ds.query(
      `INSERT INTO calendar_years (locality, year, holidays, workdays, source, updated_at) VALUES ($1, $2, $3, $4, 'admin', now())
       ON CONFLICT (locality, year) DO UPDATE SET holidays = EXCLUDED.holidays, workdays = EXCLUDED.workdays, source = 'admin', updated_at = now()`,
      [locality, year, day.holidays, day.workdays],
    );
    const open: Array<{ id: string }> = await this.ds.query(`SELECT id FROM projects WHERE status <> 'closed'`);
    let signalled = 0;
    for (const p of open) {
      try {
        await this.temporal.workflow.getHandle(projectWorkflowId(p.id)).signal(calendarChangedSignal);
        signalled += 1;
      } catch {
        // A workflow that ended meanwhile has nothing to re-plan.
      }
    }
    return { year, holidays: day.holidays, workdays: day.workdays, source: 'admin', projectsReplanned: signalled };
  }
}

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

@Module({ controllers: [CalendarController], providers: [CalendarService] })
export class CalendarModule {}
