import { StatusReason, StatusResult, worstStatus } from './status';

export interface MilestoneFacts {
  id: string;
  name: string;
  dueAt: string;
  state: 'pending' | 'submitted' | 'accepted' | 'returned';
  /** When the warning window opens (from the deadline plan); absent = no warning window. */
  warningAt?: string;
}

/** A milestone's colour from its facts at `nowMs`: accepted → done; past due → red; in the warning window or returned → yellow. */
export function milestoneStatus(m: MilestoneFacts, nowMs: number): StatusResult {
  if (m.state === 'accepted') return { status: 'done', reasons: [] };
  const due = Date.parse(m.dueAt);
  if (nowMs >= due) {
    return {
      status: 'red',
      reasons: [{
        code: 'deadline.overdue',
        params: { milestone: m.name, dueAt: m.dueAt },
        milestoneId: m.id,
      }],
    };
  }
  const reasons: StatusReason[] = [];
  if (m.state === 'returned') {
    reasons.push({ code: 'report.returned', params: { milestone: m.name }, milestoneId: m.id });
  }
  if (m.warningAt && nowMs >= Date.parse(m.warningAt)) {
    reasons.push({
      code: 'deadline.approaching',
      params: { milestone: m.name, dueAt: m.dueAt },
      milestoneId: m.id,
    });
  }
  return { status: reasons.length ? 'yellow' : 'green', reasons };
}

/** A project's colour: closed, else done when every milestone is accepted, else the worst of its milestones and its kind's rules. */
export function projectStatus(args: { closed: boolean; milestones: StatusResult[]; rules?: StatusResult[] }): StatusResult {
  if (args.closed) return { status: 'closed', reasons: [] };
  const open = args.milestones.filter((s) => s.status !== 'done');
  if (args.milestones.length > 0 && open.length === 0 && (args.rules ?? []).every((r) => r.status === 'green' || r.status === 'done')) {
    // Done, with the rules' own notes (e.g. more seats delivered than planned) kept for the reader.
    return { status: 'done', reasons: (args.rules ?? []).flatMap((r) => r.reasons) };
  }
  const verdict = worstStatus([...open, ...(args.rules ?? [])], 'green');
  return verdict.status === 'done' ? { status: 'green', reasons: [] } : verdict;
}
