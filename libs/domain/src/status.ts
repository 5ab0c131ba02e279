/** A project's or milestone's traffic-light state (红黄绿灯), plus its terminal states. */
export type StatusColor = 'green' | 'yellow' | 'red' | 'done' | 'closed';

export interface StatusReason {
  /** Stable machine code, e.g. `deadline.overdue`, `rotation.rate-below-minimum`. */
  code: string;
  /** One sentence a coordinator can read. */
  message: string;
  milestoneId?: string;
  /** The rule or threshold that produced it, e.g. `minRate=0.1`. */
  rule?: string;
  /** The values the message is made of, so it can be rendered in another language from `code`. */
  params?: Record<string, string | number>;
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
