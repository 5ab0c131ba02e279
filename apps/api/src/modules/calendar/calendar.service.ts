import { Injectable } from '@nestjs/common';
import { DEFAULT_LOCALITY } from '../../../../../activities/calendar/calendar.store';
import { validateCalendar } from '../../../../../libs/domain/src/calendar';
import { InvalidInputError } from '../../common/errors';
import { ProjectGateway } from '../../temporal/project.gateway';
import { CalendarYearDto } from './calendar.dto';
import { CalendarRepository } from './calendar.repository';

/** The working-day calendar the product keeps: seeded from the package, edited by an admin when a schedule is published or a locality adjusts it. */
@Injectable()
export class CalendarService {
  constructor(
    private readonly calendar: CalendarRepository,
    private readonly projects: ProjectGateway,
  ) {}

  async list(locality = DEFAULT_LOCALITY) {
    const rows = await this.calendar.years(locality);
    return rows.map((r) => ({ year: r.year, holidays: r.holidays, workdays: r.workdays, source: r.source, updatedAt: new Date(r.updated_at).toISOString() }));
  }

  /** Replaces one year's schedule, then tells every open project to re-plan its reminders and escalations. */
  async put(year: number, dto: CalendarYearDto, locality = DEFAULT_LOCALITY) {
    if (year < 2000 || year > 2100) throw new InvalidInputError('year: must be between 2000 and 2100', [{ field: 'year', message: 'out of range', code: 'field.between', params: { from: '2000', to: '2100' } }]);
    const cal = validateCalendar({ years: { [String(year)]: { holidays: dto.holidays, workdays: dto.workdays } } }, 'body');
    const outside = [...dto.holidays, ...dto.workdays].find((d) => !d.startsWith(`${year}-`));
    if (outside) throw new InvalidInputError(`body: ${outside} is not in ${year}`, [{ field: 'holidays', message: `${outside} is not in ${year}`, code: 'field.day-not-in-year', params: { day: outside, year } }]);
    const day = cal.years[String(year)];
    await this.calendar.putYear(locality, year, day.holidays, day.workdays);
    let signalled = 0;
    for (const id of await this.calendar.openProjectIds()) {
      try {
        await this.projects.calendarChanged(id);
        signalled += 1;
      } catch {
        // A workflow that ended meanwhile has nothing to re-plan.
      }
    }
    return { year, holidays: day.holidays, workdays: day.workdays, source: 'admin', projectsReplanned: signalled };
  }
}
