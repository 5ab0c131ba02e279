/** The bearer token in localStorage, and what to do when the API says it has expired. */
const KEY = 'kps.token';
type Listener = () => void;
const listeners = new Set<Listener>();

export const auth = {
  token: (): string | null => localStorage.getItem(KEY),
  set(token: string) {
    localStorage.setItem(KEY, token);
    listeners.forEach((l) => l());
  },
  clear() {
    localStorage.removeItem(KEY);
    listeners.forEach((l) => l());
  },
  /** A 401 on an authenticated call: forget the token and go to the login page, coming back here afterwards. */
  expired() {
    localStorage.removeItem(KEY);
    const back = window.location.pathname + window.location.search;
    if (!window.location.pathname.startsWith('/login')) window.location.assign(`/login?redirect=${encodeURIComponent(back)}`);
  },
  subscribe(l: Listener) {
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  },
};
