import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { PortfolioFilter, selects } from '../../libs/domain/src/portfolio/portfolio';

/** What a circular (通报) says; the API serves it as JSON, a spreadsheet and a printable page, row for row. */
export interface CircularContent {
  plan: { id: string; name: string; year: number };
  year: number;
  number: number;
  title: string;
  issuedAt: string;
  /** Set on a circular about part of the plan: the selection its every section is limited to. */
  selection?: PortfolioFilter & { leadUnitName?: string };
  round: null | { id: string; openedAt: string; closesAt: string; closedAt: string | null; projects: number; reported: number; missing: number };
  /** `reasonItems` are the projects' status reasons as codes with params; `reasons` is their text in the reader's language (filled when read; stored prose in circulars issued before codes). */
  redYellow: Array<{ projectId: string; projectName: string; unitName: string; status: 'red' | 'yellow'; reasons?: string; reasonItems?: CodedReason[]; timeZone?: string; calendar?: string }>;
  ranking: Array<{ rank: number; unitId: string; unitName: string; projects: number; onTimeRate: number; overdueCount: number; missingReports: number }>;
  missingReports: Array<{ projectId: string; projectName: string; unitName: string; ownerName: string }>;
  rectifications: Array<{ id: string; title: string; unitName: string; dueAt: string; state: string; overdue: boolean }>;
}

export interface CodedReason {
  code: string;
  params?: Record<string, string | number | boolean>;
  message?: string;
  milestoneId?: string;
}

export const circularTitle = (planName: string, year: number, n: number) => `${planName} 通报 ${year}年第${n}期`;

const zh = (a: string, b: string) => a.localeCompare(b, 'zh-CN');

/**
 * The circular's content as of `issuedAt`: red and yellow projects with their reasons; units ranked by on-time rate
 * (milestones due so far accepted by their deadline), then overdue milestones, then missing reports; the missing
 * reports of the circular's round (or the plan's last closed round); and the open rectification items.
 */
export async function buildCircularContent(
  tx: EntityManager,
  args: { planId: string; year: number; number: number; issuedAt: string; roundId?: string; filter?: PortfolioFilter },
): Promise<CircularContent> {
  const [plan] = await tx.query('SELECT id, name, year FROM plans WHERE id = $1', [args.planId]);
  const open: Array<Record<string, any>> = await tx.query(
    `SELECT p.id, p.name, p.status, p.status_reasons, p.policy, p.lead_unit_id, u.name AS unit_name, p.kind, p.category, p.work_type, p.tags, u.path AS unit_path
     FROM projects p JOIN units u ON u.id = p.lead_unit_id
     WHERE p.plan_id = $1 AND p.closed_at IS NULL AND p.status <> 'closed'`,
    [args.planId],
  );
  // A circular on part of the plan (幼儿园 only, one programme's tag …) counts, ranks and lists only those projects.
  const filter = args.filter;
  const [leadUnit]: Array<{ id: string; path: string; name: string }> = filter?.leadUnitId ? await tx.query('SELECT id, path, name FROM units WHERE id = $1', [filter.leadUnitId]) : [];
  const unitPaths: Record<string, string> = leadUnit ? { [leadUnit.id]: leadUnit.path } : {};
  const projects = filter
    ? open.filter((p) => selects({ filter }, { id: p.id, kind: p.kind, status: p.status, acceptedStages: [], figures: {}, category: p.category ?? undefined, workType: p.work_type ?? undefined, tags: p.tags ?? [], leadUnitPath: p.unit_path }, unitPaths))
    : open;
  const selected = new Set(projects.map((p) => p.id as string));
  const milestones: Array<Record<string, any>> = (
    await tx.query(
      `SELECT m.project_id, m.due_at, m.state, m.accepted_at, m.overdue FROM milestones m JOIN projects p ON p.id = m.project_id
       WHERE p.plan_id = $1 AND p.closed_at IS NULL AND p.status <> 'closed'`,
      [args.planId],
    )
  ).filter((m: Record<string, any>) => selected.has(m.project_id));
  const [round] = args.roundId
    ? await tx.query('SELECT * FROM dispatch_rounds WHERE id = $1', [args.roundId])
    : await tx.query(`SELECT * FROM dispatch_rounds WHERE plan_id = $1 AND state = 'closed' ORDER BY closed_at DESC LIMIT 1`, [args.planId]);
  const roundRows: Array<Record<string, any>> = (round
    ? await tx.query(
        `SELECT rp.project_id, rp.reported, p.name AS project_name, u.name AS unit_name, us.display_name AS owner_name, rp.unit_id
         FROM dispatch_round_projects rp JOIN projects p ON p.id = rp.project_id JOIN units u ON u.id = rp.unit_id JOIN users us ON us.id = rp.owner_user_id
         WHERE rp.round_id = $1`,
        [round.id],
      )
    : []
  ).filter((r: Record<string, any>) => !filter || selected.has(r.project_id));
  // With a selection, the rectification items of the selected projects; items on no project belong to the plan as a whole.
  const rectifications: Array<Record<string, any>> = (
    await tx.query(
      `SELECT r.id, r.title, r.due_at, r.state, r.overdue, r.project_id, u.name AS unit_name FROM rectifications r JOIN units u ON u.id = r.unit_id
       WHERE r.plan_id = $1 AND r.state <> 'signed_off' ORDER BY r.due_at, r.title`,
      [args.planId],
    )
  ).filter((r: Record<string, any>) => !filter || (r.project_id !== null && selected.has(r.project_id)));

  const at = Date.parse(args.issuedAt);
  const severity = (s: string) => (s === 'red' ? 0 : 1);
  const redYellow = projects
    .filter((p) => p.status === 'red' || p.status === 'yellow')
    .sort((a, b) => severity(a.status) - severity(b.status) || zh(a.unit_name, b.unit_name) || zh(a.name, b.name))
    .map((p) => ({
      projectId: p.id, projectName: p.name, unitName: p.unit_name, status: p.status,
      reasonItems: (p.status_reasons ?? []) as CodedReason[],
      timeZone: p.policy?.timeZone ?? 'Asia/Shanghai',
      calendar: p.policy?.calendar ?? 'workdays',
    }));

  const missingReports = roundRows
    .filter((r) => r.reported === false)
    .sort((a, b) => zh(a.unit_name, b.unit_name) || zh(a.project_name, b.project_name))
    .map((r) => ({ projectId: r.project_id, projectName: r.project_name, unitName: r.unit_name, ownerName: r.owner_name }));

  const units = new Map<string, { unitId: string; unitName: string; projects: number; due: number; onTime: number; overdueCount: number; missingReports: number }>();
  const unitOf = (id: string, name: string) => {
    if (!units.has(id)) units.set(id, { unitId: id, unitName: name, projects: 0, due: 0, onTime: 0, overdueCount: 0, missingReports: 0 });
    return units.get(id)!;
  };
  const projectUnit = new Map<string, string>();
  for (const p of projects) {
    unitOf(p.lead_unit_id, p.unit_name).projects += 1;
    projectUnit.set(p.id, p.lead_unit_id);
  }
  for (const m of milestones) {
    const u = units.get(projectUnit.get(m.project_id)!)!;
    const dueAt = new Date(m.due_at).getTime();
    const accepted = m.state === 'accepted';
    if (dueAt <= at || accepted) {
      u.due += 1;
      if (accepted && m.accepted_at && new Date(m.accepted_at).getTime() <= dueAt) u.onTime += 1;
    }
    if (!accepted && (m.overdue || dueAt < at)) u.overdueCount += 1;
  }
  for (const r of missingReports) {
    const unitId = roundRows.find((x) => x.project_id === r.projectId)!.unit_id;
    unitOf(unitId, r.unitName).missingReports += 1;
  }
  const ranking = [...units.values()]
    .map((u) => ({ unitId: u.unitId, unitName: u.unitName, projects: u.projects, onTimeRate: u.due ? Math.round((u.onTime / u.due) * 10000) / 10000 : 1, overdueCount: u.overdueCount, missingReports: u.missingReports }))
    .sort((a, b) => b.onTimeRate - a.onTimeRate || a.overdueCount - b.overdueCount || a.missingReports - b.missingReports || zh(a.unitName, b.unitName))
    .map((u, i) => ({ rank: i + 1, ...u }));

  const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
  return {
    plan: { id: plan.id, name: plan.name, year: plan.year },
    year: args.year,
    number: args.number,
    title: circularTitle(plan.name, args.year, args.number),
    issuedAt: args.issuedAt,
    ...(filter ? { selection: { ...filter, ...(leadUnit ? { leadUnitName: leadUnit.name } : {}) } } : {}),
    round: round
      ? {
          id: round.id, openedAt: iso(round.opened_at)!, closesAt: iso(round.closes_at)!, closedAt: iso(round.closed_at),
          projects: roundRows.length, reported: roundRows.filter((r) => r.reported).length, missing: missingReports.length,
        }
      : null,
    redYellow,
    ranking,
    missingReports,
    rectifications: rectifications.map((r) => ({
      id: r.id, title: r.title, unitName: r.unit_name, dueAt: iso(r.due_at)!, state: r.state, overdue: r.overdue || new Date(r.due_at).getTime() < at,
    })),
  };
}

/** The circular's year: the calendar year of its issue in the plan's time zone. */
export const circularYear = (issuedAt: string, timeZone: string) => DateTime.fromISO(issuedAt, { zone: timeZone }).year;
