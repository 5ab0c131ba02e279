import type { TestStack } from './stack';
import type { Org } from './fixtures';

/** A second-scale policy so that a whole reminder → overdue → escalation cycle runs in well under a minute. */
export const SECOND_SCALE_POLICY = {
  calendar: 'natural',
  reminders: ['PT6S', 'PT3S'],
  warningWindow: 'PT8S',
  escalations: [
    { after: 'PT2S', level: 1, notify: ['unitHead'] },
    { after: 'PT4S', level: 2, notify: ['office'] },
    { after: 'PT30S', level: 3, notify: ['leader'], circular: true },
  ],
};

export type Note = { kind: string; level: number | null; title: string; createdAt: string; projectId?: string; data?: Record<string, unknown> };
type Http = TestStack['http'];

export const inboxOf = async (http: Http, auth: string): Promise<Note[]> => (await http.get('/api/notifications').set('Authorization', auth).expect(200)).body.items;
export const projectOf = async (http: Http, auth: string, id: string) => (await http.get(`/api/projects/${id}`).set('Authorization', auth).expect(200)).body;

/** A generic project whose one milestone falls due `dueInMs` from now, so its reminders and escalations run during the test. */
export async function createDueProject(http: Http, org: Org, name: string, dueInMs: number, extra: Record<string, unknown> = {}): Promise<{ id: string; dueAt: string }> {
  const dueAt = new Date(Date.now() + dueInMs).toISOString();
  const res = await http
    .post('/api/projects')
    .set('Authorization', org.coordinator)
    .send({ kind: 'generic', planId: org.planId, name, leadUnitId: org.districtId, ownerUserId: org.ownerId, startDate: '2026-01-01', dueDate: '2026-12-31', milestones: [{ id: 'opinions', name: '出台实施意见', dueAt }], ...extra })
    .expect(201);
  return { id: res.body.id as string, dueAt };
}
