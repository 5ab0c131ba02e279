/** One dependency's answer to a probe. */
export type Check = { status: 'up' | 'down'; latencyMs?: number; error?: string };

export interface HealthReport {
  status: 'up' | 'down';
  api: { status: 'up' };
  database: Check;
  temporal: Check & { address: string; namespace: string };
}
