/** Domain hooks over the generated client. */
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { fetchClient } from '../api/client';
import type { Account, Dashboard, Inbox, Page, Plan, Project, Unit } from '../api/types';

type Q = Record<string, string | number | boolean | undefined>;
const clean = (q: Q) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) as never;

export function useProjects(q: Q) {
  return useQuery({
    queryKey: ['projects', q],
    placeholderData: keepPreviousData,
    queryFn: async () => (await fetchClient.GET('/api/projects', { params: { query: clean(q) } })).data as unknown as Page<Project>,
  });
}
export function useProject(id: string) {
  return useQuery({
    queryKey: ['projects', id],
    queryFn: async () => (await fetchClient.GET('/api/projects/{id}', { params: { path: { id } } })).data as unknown as Project,
    retry: (n, e) => n < 2 && !(e && 'status' in e && [403, 404].includes((e as { status: number }).status)),
  });
}
export function useDashboard(planId?: string) {
  return useQuery({
    queryKey: ['dashboard', planId ?? ''],
    queryFn: async () => (await fetchClient.GET('/api/dashboard', { params: { query: clean({ planId }) } })).data as unknown as Dashboard,
  });
}
export function usePlans(enabled = true) {
  return useQuery({
    queryKey: ['plans'],
    enabled,
    staleTime: 30_000,
    queryFn: async () => (await fetchClient.GET('/api/plans', { params: { query: { pageSize: 200 } as never } })).data as unknown as Page<Plan>,
  });
}
export function useUnits(enabled = true) {
  return useQuery({
    queryKey: ['units'],
    enabled,
    staleTime: 30_000,
    queryFn: async () => (await fetchClient.GET('/api/units', { params: { query: { pageSize: 200 } as never } })).data as unknown as Page<Unit>,
  });
}
/** The accounts (of one role) of a unit and the units below it, to choose one by name (coordinators and admins). */
export function useUnitAccounts(unitId: string | undefined, role?: Account['role']) {
  return useQuery({
    queryKey: ['units', unitId, 'accounts', role ?? ''],
    enabled: !!unitId,
    staleTime: 30_000,
    queryFn: async () =>
      (await fetchClient.GET('/api/units/{id}/accounts', { params: { path: { id: unitId! }, query: clean({ role }) } })).data as unknown as { items: Account[] },
  });
}
/**
 * Every account of a role in the whole unit tree (the accounts of each top unit and those below it): to choose a
 * plan's coordinators by name. Only for the roles that may list accounts (coordinators and admins).
 */
export function useAccountsOfRole(role: Account['role'], enabled = true) {
  const units = useUnits(enabled);
  const ids = new Set((units.data?.items ?? []).map((u) => u.id));
  const roots = (units.data?.items ?? []).filter((u) => !u.parentId || !ids.has(u.parentId)).map((u) => u.id);
  const lists = useQueries({
    queries: roots.map((id) => ({
      queryKey: ['units', id, 'accounts', role],
      enabled,
      staleTime: 30_000,
      queryFn: async () =>
        (await fetchClient.GET('/api/units/{id}/accounts', { params: { path: { id }, query: { role } as never } })).data as unknown as { items: Account[] },
    })),
  });
  const seen = new Map<string, Account>();
  for (const l of lists) for (const a of l.data?.items ?? []) seen.set(a.id, a);
  return { accounts: [...seen.values()], isLoading: units.isLoading || lists.some((l) => l.isLoading) };
}
/** The inbox; refreshes by itself so a new reminder shows without a reload. */
export function useInbox(q: Q = {}, refetchInterval = 5_000) {
  return useQuery({
    queryKey: ['notifications', q],
    refetchInterval,
    placeholderData: keepPreviousData,
    queryFn: async () => (await fetchClient.GET('/api/notifications', { params: { query: clean(q) } })).data as unknown as Inbox,
  });
}
