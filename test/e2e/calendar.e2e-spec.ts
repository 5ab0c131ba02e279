import { eventually } from '../helpers/stack';
import { useTestStack } from '../helpers/test-stack';

describe('the working-day calendar is data an admin keeps, and running projects follow it', () => {
  const { stack, org } = useTestStack({ org: { calendar: 'workdays', reminders: ['P1D'], warningWindow: 'PT1H', escalations: [{ after: 'P1D', level: 1, notify: ['unitHead'] }] } });

  const milestone = async (id: string) => (await stack.http.get(`/api/projects/${id}`).set('Authorization', org.coordinator).expect(200)).body.milestones[0];

  it('seeds the years the package knows, 2026 with its National Day holiday and swapped working days', async () => {
    const years = (await stack.http.get('/api/calendar').set('Authorization', org.coordinator).expect(200)).body;
    const y2026 = years.find((y: { year: number }) => y.year === 2026);
    expect(y2026.holidays).toEqual(expect.arrayContaining(['2026-10-01', '2026-10-07']));
    expect(y2026.workdays.length).toBeGreaterThan(0);
    expect(years.find((y: { year: number }) => y.year === 2027)).toBeUndefined();
  });

  it('a published 2027 schedule moves the pending reminder of a running project to the working day before the holiday', async () => {
    const created = await stack.http
      .post('/api/projects')
      .set('Authorization', org.coordinator)
      .send({ kind: 'generic', planId: org.planId, name: '国庆后交付', leadUnitId: org.districtId, ownerUserId: org.ownerId, startDate: '2027-01-01', dueDate: '2027-12-31', milestones: [{ id: 'handover', name: '交付', dueAt: '2027-10-08T18:00:00+08:00' }] })
      .expect(201);
    // 2027 has no published schedule yet: one working day before Friday 8 October is Thursday 7 October.
    expect((await milestone(created.body.id)).nextEvent).toMatchObject({ kind: 'reminder', at: '2027-10-07T18:00:00+08:00' });

    await stack.http.put('/api/calendar/2027').set('Authorization', org.coordinator).send({ holidays: [], workdays: [] }).expect(403);
    const published = await stack.http
      .put('/api/calendar/2027')
      .set('Authorization', org.admin)
      .send({ holidays: ['2027-10-01', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'], workdays: ['2027-09-26', '2027-10-09'] })
      .expect(200);
    expect(published.body.projectsReplanned).toBeGreaterThanOrEqual(1);
    const moved = await eventually(async () => {
      const m = await milestone(created.body.id);
      return m.nextEvent?.at !== '2027-10-07T18:00:00+08:00' ? m : undefined;
    }, 'the reminder to move');
    expect(moved.nextEvent).toMatchObject({ kind: 'reminder', at: '2027-09-30T18:00:00+08:00' });
    const events = (await stack.http.get(`/api/projects/${created.body.id}/events`).set('Authorization', org.coordinator).expect(200)).body.items;
    expect(events.map((e: { type: string }) => e.type)).toContain('calendar.replanned');
  });

  it('refuses a malformed schedule, naming the field, and keeps the old one', async () => {
    const res = await stack.http.put('/api/calendar/2028').set('Authorization', org.admin).send({ holidays: ['2028-13-01'], workdays: [] }).expect(400);
    expect(JSON.stringify(res.body.details)).toContain('holidays');
    const years = (await stack.http.get('/api/calendar').set('Authorization', org.admin).expect(200)).body;
    expect(years.find((y: { year: number }) => y.year === 2028)).toBeUndefined();
  });
});
