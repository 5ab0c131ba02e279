/** Repeats of the top escalation level planned at a time; re-planned when used up. */
export const REPEATS_PER_PLAN = 12;

/** Appends to a list that keeps only its last `limit` items (in place: the list may be carried state). */
export function pushBounded<T>(list: T[], item: T, limit: number): void {
  list.push(item);
  if (list.length > limit) list.splice(0, list.length - limit);
}

/** The idempotency keys a workflow has handled, with what each produced; the oldest are forgotten past `limit`. */
export class RequestMemory<T> {
  constructor(
    private readonly entries: Array<[string, T]>,
    private readonly limit: number,
  ) {}

  seen(requestId: string): T | undefined {
    return this.entries.find(([k]) => k === requestId)?.[1];
  }

  remember(requestId: string, result: T): void {
    pushBounded(this.entries, [requestId, result], this.limit);
  }
}
