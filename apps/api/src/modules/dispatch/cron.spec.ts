import { checkCron } from './cron';

const HOUR = 3_600_000;
const fields = (expr: string) => checkCron(expr, 'Asia/Shanghai', HOUR).problems.map((p) => p.field);
const message = (expr: string) => checkCron(expr, 'Asia/Shanghai', HOUR).problems.map((p) => p.message).join('; ');

describe('cron expressions are checked before they reach Temporal', () => {
  it('accepts the usual monthly and bimonthly rules, with seconds and a year too', () => {
    for (const ok of ['0 9 25 */2 *', '0 9 25 1,3,5,7,9,11 *', '0 0 9 25 * *', '0 0 9 25 * * 2027', '0 9 * * MON-FRI', '0 9 1 JAN *', '@daily', '@every 24h', '@every 1h30m']) {
      expect([ok, checkCron(ok, 'Asia/Shanghai', HOUR).problems]).toEqual([ok, []]);
    }
  });

  it('a bad cron is a 400 naming the field and the cron field that is out of range', () => {
    expect(message('0 25 * * *')).toMatch(/hour field: 25 is outside 0–23/);
    expect(message('0 9 32 * *')).toMatch(/day of month field: 32 is outside 1–31/);
    expect(message('0 9 * 13 *')).toMatch(/month field: 13 is outside 1–12/);
    expect(message('60 9 * * *')).toMatch(/minute field/);
    expect(message('0 9 * * 8')).toMatch(/day of week field/);
    expect(message('0 0 9 25 * * 1999')).toMatch(/year field/);
    expect(message('0 9 5-1 * *')).toMatch(/backwards/);
    expect(message('0 9 */0 * *')).toMatch(/step/);
    expect(message('0 9 L * *')).toMatch(/day of month field/);
    expect(message('0 9 * *')).toMatch(/4 fields/);
    expect(message('@sometimes')).toMatch(/macro/);
    expect(message('@every soon')).toMatch(/duration/);
    expect(message('CRON_TZ=UTC 0 9 * * *')).toMatch(/timeZone/);
    expect(fields('0 25 * * *')).toEqual(['cron']);
  });

  it('refuses schedules that run more often than the minimum interval', () => {
    expect(message('@every 1s')).toMatch(/runs every 1 s; the shortest interval allowed is 3600 s/);
    expect(message('* * * * *')).toMatch(/shortest interval/);
    expect(message('0,30 9 * * *')).toMatch(/runs every 1800 s/);
    expect(message('*/2 * * * * * *')).toMatch(/runs every 2 s/);
    expect(checkCron('*/2 * * * * * *', 'Asia/Shanghai', 1000).problems).toEqual([]);
  });
});
