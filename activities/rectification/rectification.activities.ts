import { DataSource } from 'typeorm';
import type { Audience } from '../../libs/domain/src/deadline';
import type { Notifier } from '../channels/channels.activities';
import { RectificationActivities, RectificationNotice } from './rectification.activities.interface';

/** The rectification workflow's I/O: its read model and its notices. */
export function createRectificationActivities(ds: DataSource, notifier: Notifier): RectificationActivities {
  const ids = async (sql: string, params: unknown[]) => ((await ds.query(sql, params)) as Array<{ id: string }>).map((r) => r.id);
  const recipientsOf = async (audience: Audience, n: RectificationNotice): Promise<string[]> => {
    switch (audience) {
      case 'owner': {
        const own = await ids(`SELECT id FROM users WHERE role = 'owner' AND unit_id = $1`, [n.unitId]);
        // A unit with no owner account of its own is answered for by the owners of the units below it.
        return own.length ? own : ids(`SELECT us.id FROM users us JOIN units u ON u.id = us.unit_id WHERE us.role = 'owner' AND u.path LIKE (SELECT path FROM units WHERE id = $1) || '%'`, [n.unitId]);
      }
      case 'unitHead':
        return ids(`SELECT id FROM users WHERE unit_id = $1 AND is_unit_head`, [n.unitId]);
      case 'office': {
        const coordinators = await ids(`SELECT unnest(coordinator_ids) AS id FROM plans WHERE id = $1`, [n.planId]);
        return coordinators.length ? coordinators : ids(`SELECT id FROM users WHERE role = 'coordinator'`, []);
      }
      case 'leader':
        return ids(`SELECT id FROM users WHERE role = 'leader'`, []);
    }
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
      for (const audience of n.audience) for (const id of await recipientsOf(audience, n)) recipients.add(id);
      return notifier.notifyUsers({
        eventKey: n.eventKey, recipientUserIds: [...recipients], kind: n.kind, level: n.level, title: n.title, body: n.body,
        projectId: n.projectId, data: n.data,
      });
    },
  };
}
