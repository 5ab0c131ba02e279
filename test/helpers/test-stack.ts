import { createOrg, Org } from './fixtures';
import { startTestStack, TestStack } from './stack';

export interface TestStackOptions {
  /** Settings of this file's API and worker (added to the test defaults of `startTestStack`). */
  env?: Record<string, string>;
  /**
   * The demo organisation (units, one user per role, signed in, one plan) created after start; its value is the
   * plan's deadline policy. `false`: none (the file builds what it needs itself).
   */
  org?: Record<string, unknown> | boolean;
  /** Bound on start-up and set-up, for files whose stack does more than the default two minutes allow. */
  timeoutMs?: number;
}

/**
 * Stands for an object that exists only once `beforeAll` has made it: every property read goes to it, so test
 * code reads `stack.http` and `org.coordinator` as if they were plain variables.
 */
function lateBound<T extends object>(what: string, current: () => T | undefined): T {
  const target = (): T => {
    const value = current();
    if (!value) throw new Error(`${what} is used before the file's beforeAll made it (or after a failed start)`);
    return value;
  };
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(target(), key),
    set: (_, key, value) => Reflect.set(target(), key, value),
    has: (_, key) => Reflect.has(target(), key),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(target(), key);
      return d && { ...d, configurable: true };
    },
  });
}

/**
 * The set-up every end-to-end file shares: the real stack (its own database and task queue) started in
 * `beforeAll`, the demo organisation signed in unless `org: false`, and the stack closed in `afterAll`.
 * Call it in the file's `describe`, before that file's own hooks (they run after, in order, and see both).
 */
export function useTestStack(options: TestStackOptions = {}): { stack: TestStack; org: Org } {
  let stack: TestStack | undefined;
  let org: Org | undefined;
  beforeAll(async () => {
    stack = await startTestStack(options.env);
    if (options.org !== false) org = await createOrg(stack, typeof options.org === 'object' ? options.org : undefined);
  }, options.timeoutMs);
  afterAll(() => stack?.close(), options.timeoutMs);
  return { stack: lateBound('The test stack', () => stack), org: lateBound('The demo organisation', () => (options.org === false ? undefined : org)) };
}
