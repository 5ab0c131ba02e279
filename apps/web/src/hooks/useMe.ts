import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useSyncExternalStore } from 'react';
import { fetchClient } from '../api/client';
import { auth } from '../api/auth';
import type { Me } from '../api/types';
import { access, type Access } from '../access';

/** The signed-in user (null without a token); its access is recomputed whenever the token changes. */
export function useMeQuery() {
  const token = useSyncExternalStore(auth.subscribe, auth.token);
  const qc = useQueryClient();
  useEffect(() => {
    // Another account signs in or the user signs out: nothing of the last one's data may remain.
    return auth.subscribe(() => qc.removeQueries());
  }, [qc]);
  return useQuery({
    queryKey: ['me', token],
    enabled: !!token,
    staleTime: 60_000,
    queryFn: async () => (await fetchClient.GET('/api/users/me')).data as unknown as Me,
  });
}

export const MeContext = createContext<{ me: Me; access: Access } | null>(null);
export function useMe(): { me: Me; access: Access } {
  const v = useContext(MeContext);
  if (!v) throw new Error('useMe outside the signed-in layout');
  return v;
}
export { access };
