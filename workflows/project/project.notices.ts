import type { NotifyInput } from '../../libs/contracts/src/project';
import type { DeadlineEvent } from '../../libs/domain/src/deadline';

/**
 * Every notice the project workflow sends, one function each. A notice is a structured object (what happened, to whom,
 * with which facts). `code` and `params` are what it says: the API and the channels render them in each reader's
 * language (libs/i18n); title and body are English prose kept for readers of rows from before codes.
 */
export type Notice = Omit<NotifyInput, 'projectId' | 'planId' | 'leadUnitId' | 'ownerUserId'>;

/** What a deadline notice is about: the project, the milestone and the key of the plan event. */
export interface DeadlineNoticeFacts {
  eventKey: string;
  projectName: string;
  milestoneId: string;
  milestoneName: string;
  dueAt: string;
}

const due = (f: DeadlineNoticeFacts) => `${f.milestoneName} (due ${f.dueAt})`;

/** A reminder or overdue notice: the same facts of the milestone, its own words. */
const milestoneNotice = (kind: 'reminder' | 'overdue', f: DeadlineNoticeFacts, e: DeadlineEvent, title: string, body: string): Notice => ({
  eventKey: f.eventKey,
  audience: e.notify,
  kind,
  code: `notice.${kind}`,
  params: { project: f.projectName, milestone: f.milestoneName, dueAt: f.dueAt },
  title,
  body,
  data: { milestoneId: f.milestoneId, dueAt: f.dueAt },
});

export const reminderNotice = (f: DeadlineNoticeFacts, e: DeadlineEvent): Notice =>
  milestoneNotice('reminder', f, e, `Reminder: ${due(f)} — ${f.projectName}`, `The milestone "${f.milestoneName}" of "${f.projectName}" is due ${f.dueAt}. Submit a progress report before then.`);

export const overdueNotice = (f: DeadlineNoticeFacts, e: DeadlineEvent): Notice =>
  milestoneNotice('overdue', f, e, `Overdue: ${due(f)} — ${f.projectName}`, `The deadline of "${f.milestoneName}" has passed without an accepted report.`);

export const escalationNotice = (f: DeadlineNoticeFacts, e: DeadlineEvent, level: number): Notice => ({
  eventKey: f.eventKey,
  audience: e.notify,
  kind: 'escalation',
  level,
  code: 'notice.escalation',
  params: { project: f.projectName, milestone: f.milestoneName, dueAt: f.dueAt, level },
  title: `Escalation level ${level}: ${due(f)} — ${f.projectName}`,
  body: `"${f.milestoneName}" of "${f.projectName}" is overdue since ${f.dueAt} and has been escalated to level ${level}.`,
  data: { milestoneId: f.milestoneId, dueAt: f.dueAt, repeat: e.repeat ?? 0, circular: !!e.circular },
});

export const reviewNotice = (f: { eventKey: string; projectName: string; reportId: string; state: string; milestoneId?: string; milestoneName?: string; comment?: string }): Notice => ({
  eventKey: f.eventKey,
  audience: ['owner'],
  kind: 'review',
  code: 'notice.review',
  params: { project: f.projectName, milestone: f.milestoneName ?? null, state: f.state, comment: f.comment ?? null },
  title: `Report ${f.state}: ${f.milestoneName ?? 'progress report'} — ${f.projectName}`,
  body: f.comment ? `Comment: ${f.comment}` : `Your report was ${f.state}.`,
  data: { reportId: f.reportId, milestoneId: f.milestoneId },
});

export const extensionRequestedNotice = (f: { eventKey: string; projectName: string; extensionId: string; milestoneId: string; milestoneName: string; newDueAt: string; reason: string }): Notice => ({
  eventKey: f.eventKey,
  audience: ['office'],
  kind: 'extension',
  code: 'notice.extension-requested',
  params: { project: f.projectName, milestone: f.milestoneName, newDueAt: f.newDueAt, reason: f.reason },
  title: `Extension requested: ${f.milestoneName} — ${f.projectName}`,
  body: `New date asked: ${f.newDueAt}. Reason: ${f.reason}`,
  data: { extensionId: f.extensionId, milestoneId: f.milestoneId },
});

export const extensionDecidedNotice = (f: { eventKey: string; projectName: string; extensionId: string; state: 'approved' | 'refused'; milestoneId: string; milestoneName: string; dueAt: string; comment?: string }): Notice => ({
  eventKey: f.eventKey,
  audience: ['owner'],
  kind: 'extension',
  code: 'notice.extension-decided',
  params: { project: f.projectName, milestone: f.milestoneName, state: f.state, dueAt: f.dueAt, comment: f.comment ?? null },
  title: `Extension ${f.state}: ${f.milestoneName} — ${f.projectName}`,
  body: f.state === 'approved' ? `The new deadline is ${f.dueAt}.` : `The deadline stays ${f.dueAt}.${f.comment ? ` Comment: ${f.comment}` : ''}`,
  data: { extensionId: f.extensionId, milestoneId: f.milestoneId },
});

export const closedNotice = (f: { eventKey: string; projectName: string; reason: string }): Notice => ({
  eventKey: f.eventKey,
  audience: ['owner'],
  kind: 'closed',
  code: 'notice.closed',
  params: { project: f.projectName, reason: f.reason },
  title: `Project closed: ${f.projectName}`,
  body: f.reason,
  data: {},
});
