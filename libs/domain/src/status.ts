/** A project's or milestone's traffic-light state (红黄绿灯), plus its terminal states. */
export type StatusColor = 'green' | 'yellow' | 'red' | 'done' | 'closed';

/** Values a reason's message is built from (names, instants, figures, rule values); rendered late by libs/i18n. */
export type ReasonParams = Record<string, string | number | boolean>;

export interface StatusReason {
  /** Stable machine code, e.g. `deadline.overdue`, `rotation.rate-below-minimum`: the catalogue key of its message. */
  code: string;
  /** What the message says, as data: rendered in the reader's language when read. */
  params?: ReasonParams;
  /** Prose stored before reasons carried params (old read-model rows and workflow state); shown when a code cannot be rendered. */
  message?: string;
  milestoneId?: string;
  /** The rule or threshold that produced it, e.g. `minRate=0.1`. */
  rule?: string;
}

export interface StatusResult {
  status: StatusColor;
  reasons: StatusReason[];
}

const severity: Record<StatusColor, number> = { closed: -1, done: 0, green: 1, yellow: 2, red: 3 };

/** Combines several verdicts: the worst colour wins and carries the reasons of every verdict of that colour. */
export function worstStatus(results: StatusResult[], fallback: StatusColor = 'green'): StatusResult {
  if (results.length === 0) return { status: fallback, reasons: [] };
  const worst = results.reduce((a, b) => (severity[b.status] > severity[a.status] ? b : a)).status;
  return { status: worst, reasons: results.filter((r) => r.status === worst).flatMap((r) => r.reasons) };
}

export const green = (reasons: StatusReason[] = []): StatusResult => ({ status: 'green', reasons });
