import type { Role } from '../../../../libs/persistence/src/entities/user.entity';

const ALL: readonly Role[] = ['admin', 'coordinator', 'owner', 'leader'];

/**
 * Every rule a route may name with @Policy, who may call it, and whether the answer also depends on the ids
 * the request names (then the use-case asks AccessPolicy about them, and a route that forgets is a defect).
 *
 * - owners: the projects, reports, extensions, rectification items and round entries of their unit's subtree;
 * - coordinators: decide on the plans they coordinate, read everything;
 * - leaders: read everything, write nothing;
 * - admins: accounts, units, the calendar; read everything.
 */
export const RULES = {
  /** No token needed: sign-in, health, metrics. */
  public: { roles: undefined, scoped: false },
  /** Any signed-in caller, on data that is the same for everyone (plans, units, the calendar, schedules). */
  'signed-in': { roles: ALL, scoped: false },
  /** The caller's own account and inbox. */
  self: { roles: ALL, scoped: false },
  admin: { roles: ['admin'], scoped: false },
  'plan.create': { roles: ['coordinator', 'admin'], scoped: false },
  /** Change what a plan holds: projects, rectification items, schedules, rounds, circulars. */
  'plan.coordinate': { roles: ['coordinator'], scoped: true },
  /** Tools for bringing tables into plans (the import template): coordinators. */
  'plan.import': { roles: ['coordinator'], scoped: false },
  'project.read': { roles: ALL, scoped: true },
  /** Report and ask for extensions: the owner unit. */
  'project.report': { roles: ['owner'], scoped: true },
  /** Review, decide, close, amend: a coordinator of the project's plan. */
  'project.coordinate': { roles: ['coordinator'], scoped: true },
  'rectification.read': { roles: ALL, scoped: true },
  'rectification.answer': { roles: ['owner'], scoped: true },
  'rectification.coordinate': { roles: ['coordinator'], scoped: true },
  'circular.read': { roles: ALL, scoped: true },
  'round.read': { roles: ALL, scoped: true },
  'deliveries.read': { roles: ALL, scoped: true },
} as const satisfies Record<string, { roles: readonly Role[] | undefined; scoped: boolean }>;

export type Rule = keyof typeof RULES;
