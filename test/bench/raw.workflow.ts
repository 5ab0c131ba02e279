import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

/** The baseline: a workflow that takes one Update and answers it, with no product logic or I/O. */
export const rawReportUpdate = defineUpdate<{ accepted: boolean; n: number }, [{ narrative: string }]>('rawReport');

export async function rawProjectWorkflow(): Promise<number> {
  let reports = 0;
  setHandler(rawReportUpdate, () => ({ accepted: true, n: ++reports }));
  await condition(() => reports >= 1_000_000);
  return reports;
}
