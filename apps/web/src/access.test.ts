import { describe, expect, it } from 'vitest';
import { access, homeOf } from './access';

describe('access', () => {
  it('lets nobody do anything before login', () => {
    const a = access(null);
    expect(Object.entries(a).filter(([, v]) => v)).toEqual([]);
  });
  it('gives coordinators the review and dispatch work, not administration', () => {
    const a = access({ role: 'coordinator' });
    expect(a).toMatchObject({ canViewDashboard: true, canReview: true, canCreateProject: true, canDispatch: true, canAdmin: false, canReport: false, canViewMyTasks: false });
  });
  it('keeps leaders read-only: dashboard and circulars', () => {
    const a = access({ role: 'leader' });
    expect(a).toMatchObject({ canViewDashboard: true, canViewCirculars: true });
    expect([a.canReview, a.canCreateProject, a.canCreatePlan, a.canDispatch, a.canClose, a.canReport, a.canAdmin, a.canCreateRectification, a.canAnswerRectification]).toEqual(
      Array(9).fill(false),
    );
  });
  it('gives owners their tasks, reports and rectification answers only', () => {
    const a = access({ role: 'owner' });
    expect(a).toMatchObject({ canViewMyTasks: true, canReport: true, canAnswerRectification: true, canViewDashboard: false, canReview: false, canViewPlans: false, canAdmin: false });
  });
  it('gives administrators the unit tree, users, calendar and the workflow link', () => {
    expect(access({ role: 'admin' })).toMatchObject({ canAdmin: true, canSeeWorkflow: true, canReview: false, canReport: false });
  });
  it('sends each role to its first screen', () => {
    expect(['owner', 'coordinator', 'leader', 'admin'].map((role) => homeOf({ role: role as never }))).toEqual(['/my-tasks', '/dashboard', '/dashboard', '/admin/units']);
  });
});
