import { condition, defineUpdate, setHandler, sleep } from '@temporalio/workflow';

/** The baseline: a workflow that takes one Update and answers it, with no product logic or I/O. */
export const rawReportUpdate = defineUpdate<{ accepted: boolean; n: number }, [{ narrative: string }]>('rawReport');

export async function rawProjectWorkflow(): Promise<number> {
  let reports = 0;
  setHandler(rawReportUpdate, () => ({ accepted: true, n: ++reports }));
  await condition(() => reports >= 1_000_000);
  return reports;
}

/**
 * The baseline of the burst: a workflow that sleeps until `at` (epoch ms) and returns the time of the workflow task
 * that woke it (Temporal's timer lag alone, no activity, no I/O).
 */
export async function rawTimerWorkflow(at: number): Promise<number> {
  await sleep(Math.max(1, at - Date.now()));
  return Date.now();
}
