import { DataSource } from 'typeorm';
import type { MessageParams } from '../../libs/i18n/src';

/** A notice as data: the catalogue code of its title and body (`<code>.title`, `<code>.body`) and their parameters. */
export interface CodedNotice {
  code: string;
  params: MessageParams;
}

/** What a workflow hands over when it tells people; `code`/`params` when the workflow already says what it means. */
export interface NoticeFacts {
  eventKey: string;
  kind: string;
  level?: number;
  projectId?: string | null;
  code?: string;
  params?: MessageParams;
  data?: Record<string, unknown>;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * The code and parameters of a notice. Workflows that send code+params are taken at their word; for the notices
 * workflows send as title and body (including those in running histories), the meaning is rebuilt from the facts
 * they carry (kind, level, the milestone, round or circular in `data`) and the read model's names. Undefined when
 * the notice cannot be told as data: its stored title and body are then shown as they are.
 */
export async function codeNotice(ds: DataSource, n: NoticeFacts): Promise<CodedNotice | undefined> {
  if (n.code) return { code: n.code, params: n.params ?? {} };
  const data = n.data ?? {};
  const milestoneId = str(data.milestoneId);
  if (n.projectId && milestoneId && (n.kind === 'reminder' || n.kind === 'overdue' || n.kind === 'escalation')) {
    const [row] = await ds.query(
      `SELECT p.name AS project, m.name AS milestone FROM projects p LEFT JOIN milestones m ON m.project_id = p.id AND m.milestone_id = $2 WHERE p.id = $1`,
      [n.projectId, milestoneId],
    );
    if (!row) return undefined;
    return {
      code: `notice.${n.kind}`,
      params: { project: row.project, milestone: row.milestone ?? milestoneId, dueAt: str(data.dueAt) ?? null, ...(n.level !== undefined ? { level: n.level } : {}) },
    };
  }
  const roundId = str(data.roundId);
  if (roundId && n.eventKey.startsWith('dispatch-round:') && (n.kind === 'dispatch' || n.kind === 'reminder')) {
    const ids = Array.isArray(data.projectIds) ? data.projectIds.filter((x): x is string => typeof x === 'string') : [];
    const [plan] = await ds.query('SELECT name FROM plans WHERE id = $1', [str(data.planId) ?? null]);
    const projects: Array<{ name: string }> = ids.length ? await ds.query('SELECT name FROM projects WHERE id = ANY($1::uuid[]) ORDER BY name', [ids]) : [];
    return {
      code: n.kind === 'dispatch' ? 'notice.dispatch-opened' : 'notice.dispatch-reminder',
      params: { plan: plan?.name ?? '', closesAt: str(data.closesAt) ?? null, projects: projects.map((p) => `「${p.name}」`).join('、') },
    };
  }
  const circularId = str(data.circularId);
  if (circularId && n.kind === 'circular') {
    const [c] = await ds.query('SELECT c.title, c.number, c.content, p.name AS plan FROM circulars c JOIN plans p ON p.id = c.plan_id WHERE c.id = $1', [circularId]);
    if (!c) return undefined;
    const redYellow: Array<{ status: string }> = c.content?.redYellow ?? [];
    return {
      code: 'notice.circular-issued',
      params: {
        title: c.title, series: c.content?.series ?? c.plan, number: c.number,
        red: redYellow.filter((r) => r.status === 'red').length, yellow: redYellow.filter((r) => r.status === 'yellow').length,
        missing: new Set((c.content?.missingReports ?? []).map((m: { unitName: string }) => m.unitName)).size,
      },
    };
  }
  return undefined;
}
