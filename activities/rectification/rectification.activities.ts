import { DataSource } from 'typeorm';
import type { Audience } from '../../libs/domain/src/deadline';
import type { Notifier } from '../channels/channels.activities';
import { recipientsOf, userIds } from '../notifications/recipients';
import { RectificationActivities, RectificationNotice } from './rectification.activities.interface';

/** The rectification workflow's I/O: its read model and its notices. */
export function createRectificationActivities(ds: DataSource, notifier: Notifier): RectificationActivities {
  // A unit with no owner account of its own is answered for by the owners of the units below it.
  const owners = (unitId: string) => async () => {
    const own = await userIds(ds, `SELECT id FROM users WHERE role = 'owner' AND unit_id = $1`, [unitId]);
    return own.length ? own : userIds(ds, `SELECT us.id FROM users us JOIN units u ON u.id = us.unit_id WHERE us.role = 'owner' AND u.path LIKE (SELECT path FROM units WHERE id = $1) || '%'`, [unitId]);
  };

  return {
    async projectRectification(x) {
      const { spec } = x;
      await ds.query(
        `INSERT INTO rectifications (id, plan_id, unit_id, unit_path, project_id, title, description, source, source_ref, due_at, state, overdue,
           escalation_level, next_event, raised_by, raised_at, signed_off_by, signed_off_at, history, workflow_id, version, updated_at)
         VALUES ($1, $2, $3, (SELECT path FROM units WHERE id = $3), $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, now())
         ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, overdue = EXCLUDED.overdue, escalation_level = EXCLUDED.escalation_level,
           next_event = EXCLUDED.next_event, signed_off_by = EXCLUDED.signed_off_by, signed_off_at = EXCLUDED.signed_off_at,
           history = EXCLUDED.history, version = EXCLUDED.version, updated_at = now()
         WHERE rectifications.version < EXCLUDED.version`,
        [
          spec.rectificationId, spec.planId, spec.unitId, spec.projectId ?? null, spec.title, spec.description, spec.source, spec.sourceRef ?? null,
          spec.dueAt, x.state, x.overdue, x.escalationLevel, x.nextEvent ? JSON.stringify(x.nextEvent) : null, spec.raisedBy, x.raisedAt,
          x.signedOffBy ?? null, x.signedOffAt ?? null, JSON.stringify(x.history), `rectification-${spec.rectificationId}`, x.version,
        ],
      );
    },

    async notifyRectification(n) {
      const recipients = new Set<string>();
      for (const audience of n.audience) for (const id of await recipientsOf(ds, audience, { planId: n.planId, unitId: n.unitId, owners: owners(n.unitId) })) recipients.add(id);
      return notifier.notifyUsers({
        eventKey: n.eventKey, recipientUserIds: [...recipients], kind: n.kind, level: n.level, title: n.title, body: n.body,
        projectId: n.projectId, data: n.data, code: n.code, params: n.params,
      });
    },
  };
}
