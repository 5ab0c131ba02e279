import { InvalidInputError } from '../../common/errors';
import { scheduleSpec } from './dispatch.service';

describe('dispatch schedule spec', () => {
  it('turns "every two months on the 25th at 09:00" into a Temporal calendar in the given zone', () => {
    expect(scheduleSpec({ calendar: { monthEvery: 2, dayOfMonth: 25, hour: 9, minute: 0 } }, 'Asia/Shanghai')).toEqual({
      calendars: [{ month: { start: 'JANUARY', end: 'DECEMBER', step: 2 }, dayOfMonth: 25, hour: 9, minute: 0, comment: 'dispatch round' }],
      timezone: 'Asia/Shanghai',
    });
  });

  it('takes an explicit list of months, sorted and without repeats, and 09:00 by default', () => {
    expect(scheduleSpec({ calendar: { months: [12, 2, 2], dayOfMonth: 25 } }, 'Asia/Shanghai').calendars).toEqual([
      { month: ['FEBRUARY', 'DECEMBER'], dayOfMonth: 25, hour: 9, minute: 0, comment: 'dispatch round' },
    ]);
  });

  it('passes a cron expression through, the zone kept apart', () => {
    expect(scheduleSpec({ cron: ' 0 9 25 */2 * ' }, 'Asia/Shanghai')).toEqual({ cronExpressions: ['0 9 25 */2 *'], timezone: 'Asia/Shanghai' });
    expect(() => scheduleSpec({ cron: 'CRON_TZ=UTC 0 9 25 * *' }, 'Asia/Shanghai')).toThrow(InvalidInputError);
  });

  it('refuses months and monthEvery together', () => {
    expect(() => scheduleSpec({ calendar: { months: [1], monthEvery: 2, dayOfMonth: 1 } }, 'Asia/Shanghai')).toThrow(/months or monthEvery/);
  });
});
