/**
 * What the signed-in user may do in the UI: a pure function of `me`, recomputed on login and logout.
 * Routes and buttons name a key; the API still decides every call.
 */
import type { Me } from './api/types';

export interface Access {
  signedIn: boolean;
  canViewDashboard: boolean;
  canViewMyTasks: boolean;
  canViewProjects: boolean;
  canCreateProject: boolean;
  canReport: boolean;
  canReview: boolean;
  canClose: boolean;
  canViewPlans: boolean;
  canCreatePlan: boolean;
  canDispatch: boolean;
  canViewCirculars: boolean;
  canViewRectifications: boolean;
  canCreateRectification: boolean;
  canAnswerRectification: boolean;
  canAdmin: boolean;
  canSeeWorkflow: boolean;
}
export type AccessKey = Exclude<keyof Access, 'signedIn'>;

export function access(me: Pick<Me, 'role'> | null | undefined): Access {
  const role = me?.role;
  const coordinator = role === 'coordinator';
  const admin = role === 'admin';
  const leader = role === 'leader';
  const owner = role === 'owner';
  return {
    signedIn: !!role,
    canViewDashboard: coordinator || leader || admin,
    canViewMyTasks: owner,
    canViewProjects: coordinator || leader || admin || owner,
    canCreateProject: coordinator,
    canReport: owner,
    canReview: coordinator,
    canClose: coordinator,
    canViewPlans: coordinator || admin || leader,
    canCreatePlan: coordinator || admin,
    canDispatch: coordinator,
    canViewCirculars: coordinator || leader || admin,
    canViewRectifications: coordinator || owner || admin || leader,
    canCreateRectification: coordinator,
    canAnswerRectification: owner,
    canAdmin: admin,
    canSeeWorkflow: admin,
  };
}

/** Where a role lands after login. */
export function homeOf(me: Pick<Me, 'role'> | null | undefined): string {
  return me?.role === 'owner' ? '/my-tasks' : me?.role === 'admin' ? '/admin/units' : '/dashboard';
}
