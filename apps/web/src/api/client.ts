import createFetchClient, { type Middleware } from 'openapi-fetch';
import createQueryClient from 'openapi-react-query';
import type { paths } from './schema';
import { auth } from './auth';

/** What every failed call becomes: the HTTP status and the API's error body `{statusCode, error, message, details[]}`. */
export interface ApiErrorBody {
  statusCode?: number;
  error?: string;
  message?: string;
  code?: string;
  details?: Array<{ field: string; message: string }>;
}
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message ?? `HTTP ${status}`);
  }
}

const middleware: Middleware = {
  onRequest({ request }) {
    const token = auth.token();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  async onResponse({ response, request }) {
    if (response.ok) return response;
    if (response.status === 401 && !request.url.endsWith('/api/auth/login')) auth.expired();
    const body = (await response.clone().json().catch(() => ({}))) as ApiErrorBody;
    throw new ApiError(response.status, body);
  },
  onError({ error }) {
    // fetch itself failed: the network or the server is gone.
    return new ApiError(0, { message: error instanceof Error ? error.message : String(error), error: 'Network' });
  },
};

export const fetchClient = createFetchClient<paths>({ baseUrl: window.location.origin });
fetchClient.use(middleware);
export const $api = createQueryClient(fetchClient);

/** One Idempotency-Key per form submission: a double click or a retry of the same submission never creates two. */
export const newIdempotencyKey = () => crypto.randomUUID();

/** Downloads a file the API answers with auth (e.g. a circular as xlsx). */
export async function downloadFile(path: string, fileName: string): Promise<void> {
  const res = await fetch(path, { headers: { Authorization: `Bearer ${auth.token() ?? ''}` } });
  if (!res.ok) throw new ApiError(res.status, (await res.json().catch(() => ({}))) as ApiErrorBody);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Fetches an HTML page that needs the token and opens it (print view of a circular). */
export async function fetchText(path: string): Promise<string> {
  const res = await fetch(path, { headers: { Authorization: `Bearer ${auth.token() ?? ''}` } });
  if (!res.ok) throw new ApiError(res.status, (await res.json().catch(() => ({}))) as ApiErrorBody);
  return res.text();
}
