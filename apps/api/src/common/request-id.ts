import { randomUUID } from 'node:crypto';

type Req = { headers: Record<string, string | string[] | undefined>; id?: unknown };
type Res = { setHeader(name: string, value: string): unknown };

const GIVEN = /^[A-Za-z0-9._:-]{8,128}$/;

/** The request's id: the caller's X-Request-Id when it is sensible, a new UUID otherwise; echoed on the answer. */
export function assignRequestId(req: Req, res: Res, next: () => void): void {
  const given = req.headers['x-request-id'];
  req.id = typeof given === 'string' && GIVEN.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', String(req.id));
  next();
}

export const requestIdOf = (req: Req | undefined): string => (req && typeof req.id === 'string' ? req.id : randomUUID());
