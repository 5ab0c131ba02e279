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

/** The file name the API gives in Content-Disposition (`filename*=UTF-8''…` first), else the fallback. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      /* a malformed name: use the plain one */
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? fallback;
}

/** Downloads a file the API answers with auth (a circular, a list as xlsx), named as the API names it unless told. */
export async function downloadFile(path: string, fileName?: string): Promise<void> {
  const res = await fetch(path, { headers: { Authorization: `Bearer ${auth.token() ?? ''}` } });
  if (res.status === 401) auth.expired();
  if (!res.ok) throw new ApiError(res.status, (await res.json().catch(() => ({}))) as ApiErrorBody);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName ?? fileNameOf(res.headers.get('Content-Disposition'), 'download.xlsx');
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Sends a multipart form (a file upload) with the token; answers the JSON body or throws the API's error. */
export async function postForm<T>(path: string, form: FormData): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', body: form, headers: { Authorization: `Bearer ${auth.token() ?? ''}` } });
  } catch (e) {
    throw new ApiError(0, { message: e instanceof Error ? e.message : String(e), error: 'Network' });
  }
  if (res.status === 401) auth.expired();
  const body = (await res.json().catch(() => ({}))) as unknown;
  if (!res.ok) throw new ApiError(res.status, body as ApiErrorBody);
  return body as T;
}

/** Fetches an HTML page that needs the token and opens it (print view of a circular). */
export async function fetchText(path: string): Promise<string> {
  const res = await fetch(path, { headers: { Authorization: `Bearer ${auth.token() ?? ''}` } });
  if (!res.ok) throw new ApiError(res.status, (await res.json().catch(() => ({}))) as ApiErrorBody);
  return res.text();
}
