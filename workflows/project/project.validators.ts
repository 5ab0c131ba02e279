import type { MilestoneSpec } from '../../libs/contracts/src/project';
import { DATE_BOUNDS, withinDateBounds } from '../../libs/domain/src/deadline/bounds';
import { DomainValidationError } from '../../libs/domain/src/errors';
import { isProjectKind, validateFigures } from '../../libs/domain/src/kinds';
import { canReachStage } from '../../libs/domain/src/targets/templates';
import { fail, FAILURE_TYPES } from '../shared/failure';
import type * as Message from './project.messages';
import type { ProjectState } from './project.state';

/**
 * Update validators: pure checks over the state that reject bad input before it enters history. A repeated request
 * (same idempotency key) is always let through, so it returns its first answer; anything else needs an open project.
 */
const OUT_OF_BOUNDS = `must be a date from ${DATE_BOUNDS.first} to ${DATE_BOUNDS.last}`;
const BOUNDS = { first: DATE_BOUNDS.first, last: DATE_BOUNDS.last };

const action =
  <T extends { requestId: string }>(check: (st: ProjectState, req: T) => void) =>
  (st: ProjectState, req: T): void => {
    if (st.seen(req.requestId)) return;
    if (st.closed) fail(FAILURE_TYPES.conflict, 'The project is closed', undefined, { code: 'conflict.project-closed', params: {} });
    check(st, req);
  };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const validateSubmitReport = action<Message.SubmitReportInput>((st, req) => {
  if (req.reachedOn !== undefined) {
    if (req.milestoneId === undefined) fail(FAILURE_TYPES.validation, 'only a report on a milestone says when it was reached', 'reachedOn', { code: 'field.reached-needs-milestone', params: {} });
    if (typeof req.reachedOn !== 'string' || !DAY.test(req.reachedOn) || !withinDateBounds(req.reachedOn)) fail(FAILURE_TYPES.validation, 'must be a day YYYY-MM-DD', 'reachedOn', { code: 'field.date-bounds', params: BOUNDS });
    if (req.reachedOn > st.today()) fail(FAILURE_TYPES.validation, 'cannot be in the future', 'reachedOn', { code: 'field.day-in-future', params: { day: req.reachedOn, today: st.today() } });
  }
  if (req.milestoneId !== undefined) {
    const m = st.milestone(req.milestoneId, 'milestoneId');
    if (m.state === 'accepted') fail(FAILURE_TYPES.conflict, `The milestone "${m.name}" is already accepted`, 'milestoneId', { code: 'conflict.milestone-accepted', params: { milestone: m.name } });
    if (st.s.reports.some((r) => r.milestoneId === m.id && r.state === 'submitted')) {
      fail(FAILURE_TYPES.conflict, `A report on "${m.name}" is already waiting for review`, 'milestoneId', { code: 'conflict.report-waiting', params: { milestone: m.name } });
    }
  }
  if (isProjectKind(st.spec.kind) && req.figures && Object.keys(req.figures).length > 0) {
    try {
      validateFigures(st.spec.kind, req.figures, 'figures');
    } catch (err) {
      if (err instanceof DomainValidationError) fail(FAILURE_TYPES.validation, err.message, err.field, { code: err.code, params: err.params });
      throw err;
    }
  }
});

export const validateReviewReport = action<Message.ReviewReportInput>((st, req) => {
  const report = st.report(req.reportId);
  if (!report) fail(FAILURE_TYPES.notFound, `No report ${req.reportId} in this project`, 'reportId', { code: 'field.no-report', params: { id: req.reportId } });
  if (report.state !== 'submitted') fail(FAILURE_TYPES.conflict, `The report was already ${report.state}`, 'reportId', { code: 'conflict.report-decided', params: { state: report.state } });
  if (req.decision !== 'accept' && req.decision !== 'return') fail(FAILURE_TYPES.validation, 'must be accept or return', 'decision', { code: 'field.one-of', params: { allowed: 'accept, return' } });
  if (req.decision === 'return' && !req.comment?.trim()) fail(FAILURE_TYPES.validation, 'a returned report needs a comment saying what to fix', 'comment', { code: 'field.return-comment-needed', params: {} });
  if (req.decision === 'accept' && st.spec.kind === 'school_construction' && report.milestoneId) {
    // Stage order over the stages this project has (a kindergarten with only 开园, a school brought in under way).
    const stages = [...st.s.milestones].sort((a, b) => a.order - b.order);
    const verdict = canReachStage(stages, report.milestoneId, st.acceptedMilestoneIds());
    if (!verdict.ok) fail(FAILURE_TYPES.conflict, verdict.reason, 'reportId', { code: verdict.code, params: verdict.params });
  }
});

export const validateRequestExtension = action<Message.RequestExtensionInput>((st, req) => {
  const m = st.milestone(req.milestoneId, 'milestoneId');
  if (m.state === 'accepted') fail(FAILURE_TYPES.conflict, `The milestone "${m.name}" is already accepted`, 'milestoneId', { code: 'conflict.milestone-accepted', params: { milestone: m.name } });
  const newDue = Date.parse(req.newDueAt);
  if (Number.isNaN(newDue)) fail(FAILURE_TYPES.validation, 'must be an ISO 8601 instant', 'newDueAt', { code: 'field.iso-instant', params: { got: JSON.stringify(req.newDueAt) } });
  if (!withinDateBounds(req.newDueAt)) fail(FAILURE_TYPES.validation, OUT_OF_BOUNDS, 'newDueAt', { code: 'field.date-bounds', params: BOUNDS });
  if (newDue <= Date.parse(m.dueAt)) fail(FAILURE_TYPES.validation, `must be after the current deadline ${m.dueAt}`, 'newDueAt', { code: 'field.after-deadline', params: { dueAt: m.dueAt } });
  if (st.s.extensions.some((x) => x.milestoneId === m.id && x.state === 'pending')) {
    fail(FAILURE_TYPES.conflict, `An extension of "${m.name}" is already waiting for a decision`, 'milestoneId', { code: 'conflict.extension-waiting', params: { milestone: m.name } });
  }
});

export const validateDecideExtension = action<Message.DecideExtensionInput>((st, req) => {
  const x = st.extension(req.extensionId);
  if (!x) fail(FAILURE_TYPES.notFound, `No extension request ${req.extensionId} in this project`, 'extensionId', { code: 'field.no-extension', params: { id: req.extensionId } });
  if (x.state !== 'pending') fail(FAILURE_TYPES.conflict, `The extension request was already ${x.state}`, 'extensionId', { code: 'conflict.extension-decided', params: { state: x.state } });
  if (req.decision !== 'approve' && req.decision !== 'refuse') fail(FAILURE_TYPES.validation, 'must be approve or refuse', 'decision', { code: 'field.one-of', params: { allowed: 'approve, refuse' } });
});

export const validateAmendMilestones = action<Message.AmendMilestonesInput>((st, req) => {
  if (!Array.isArray(req.milestones) || req.milestones.length === 0) fail(FAILURE_TYPES.validation, 'must list at least one milestone', 'milestones', { code: 'field.min-items', params: { least: 1 } });
  (req.milestones as MilestoneSpec[]).forEach((spec, i) => {
    if (!spec.id) fail(FAILURE_TYPES.validation, 'is required', `milestones[${i}].id`);
    if (Number.isNaN(Date.parse(spec.dueAt))) fail(FAILURE_TYPES.validation, 'must be an ISO 8601 instant', `milestones[${i}].dueAt`);
    if (!withinDateBounds(spec.dueAt)) fail(FAILURE_TYPES.validation, OUT_OF_BOUNDS, `milestones[${i}].dueAt`);
    const m = st.s.milestones.find((x) => x.id === spec.id);
    if (m?.state === 'accepted' && Date.parse(spec.dueAt) !== Date.parse(m.dueAt)) {
      fail(FAILURE_TYPES.conflict, `"${m.name}" is accepted: its deadline cannot move`, `milestones[${i}].dueAt`, { code: 'conflict.accepted-deadline', params: { milestone: m.name } });
    }
  });
});

export const validateCloseProject = action<Message.CloseProjectInput>((_st, req) => {
  if (!req.reason?.trim()) fail(FAILURE_TYPES.validation, 'a closing needs a reason', 'reason', { code: 'field.reason-needed', params: {} });
});
