import { StatusReason, StatusResult, worstStatus } from './status';

export interface MilestoneFacts {
  id: string;
  name: string;
  dueAt: string;
  state: 'pending' | 'submitted' | 'accepted' | 'returned';
  /** When the warning window opens (from the deadline plan); absent = no warning window. */
  warningAt?: string;
}

/** "3 days", "5 hours", "40 seconds": how far apart two instants are, in the largest whole unit. */
export function humanizeMillis(ms: number): string {
  const units: Array<[string, number]> = [['day', 86_400_000], ['hour', 3_600_000], ['minute', 60_000], ['second', 1000]];
  for (const [name, size] of units) {
    const n = Math.floor(ms / size);
    if (n >= 1) return `${n} ${name}${n === 1 ? '' : 's'}`;
  }
  return 'less than a second';
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
        message: `"${m.name}" is ${humanizeMillis(nowMs - due)} past its deadline ${m.dueAt} without an accepted report`,
        milestoneId: m.id,
      }],
    };
  }
  const reasons: StatusReason[] = [];
  if (m.state === 'returned') {
    reasons.push({ code: 'report.returned', message: `The report on "${m.name}" was returned and not yet submitted again`, milestoneId: m.id });
  }
  if (m.warningAt && nowMs >= Date.parse(m.warningAt)) {
    reasons.push({
      code: 'deadline.approaching',
      message: `"${m.name}" is due in ${humanizeMillis(due - nowMs)} (${m.dueAt}) without an accepted report`,
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
