import * as fs from 'node:fs';

/** Latencies (sorted, ms) and the wall time of a batch of operations run by `concurrency` callers at once. */
export interface Timed {
  total: number;
  latencies: number[];
}

/** Runs op(0) … op(n − 1), `concurrency` at a time; with `stopAt` (epoch ms), starts no new one after it. */
export async function timed<T>(n: number, concurrency: number, op: (i: number) => Promise<T>, stopAt = Infinity): Promise<Timed> {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n && Date.now() < stopAt) {
        const i = next++;
        const t = performance.now();
        await op(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { total: performance.now() - start, latencies: latencies.sort((a, b) => a - b) };
}

/** The p-th percentile of sorted values (nearest rank). */
export const pct = (xs: number[], p: number): number => (xs.length === 0 ? NaN : xs[Math.min(xs.length - 1, Math.max(0, Math.ceil((p / 100) * xs.length) - 1))]);
export const opsPerSecond = (r: Timed): number => r.latencies.length / (r.total / 1000);
export const round = (x: number, digits = 1): number => (Number.isFinite(x) ? +x.toFixed(digits) : x);

/** Resident and peak resident memory of a process, in MiB, from /proc (Linux). */
export function memoryOf(pid: number): { rssMiB: number; peakMiB: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: round(kb('VmRSS') / 1024), peakMiB: round(kb('VmHWM') / 1024) };
}

/** One figure of the bench: the product's value, its raw-Temporal counterpart where there is one, the ratio, the goal. */
export interface Figure {
  section: string;
  figure: string;
  unit: string;
  product: number;
  raw?: number;
  /** product / raw */
  ratio?: number;
  goal?: string;
  met?: boolean;
}

export class Figures {
  readonly all: Figure[] = [];

  /**
   * Adds a figure. `goal` is either a ratio bound against raw (`{ ratio: 1.3 }` = at most 1.3×, `{ ratioMin: 0.8 }`)
   * or an absolute bound (`{ max: 50 }`, `{ below: 4096 }`, `{ equals: 0 }`).
   */
  add(section: string, figure: string, unit: string, product: number, raw?: number, goal?: { ratio?: number; ratioMin?: number; max?: number; below?: number; equals?: number }): void {
    const ratio = raw !== undefined && raw > 0 ? round(product / raw, 2) : undefined;
    let text: string | undefined;
    let met: boolean | undefined;
    if (goal?.ratio !== undefined) [text, met] = [`≤ ${goal.ratio}× raw`, ratio !== undefined && ratio <= goal.ratio];
    else if (goal?.ratioMin !== undefined) [text, met] = [`≥ ${goal.ratioMin}× raw`, ratio !== undefined && ratio >= goal.ratioMin];
    else if (goal?.max !== undefined) [text, met] = [`≤ ${goal.max} ${unit}`, product <= goal.max];
    else if (goal?.below !== undefined) [text, met] = [`< ${goal.below} ${unit}`, product < goal.below];
    else if (goal?.equals !== undefined) [text, met] = [`= ${goal.equals}`, product === goal.equals];
    this.all.push({ section, figure, unit, product: round(product), ...(raw !== undefined ? { raw: round(raw) } : {}), ...(ratio !== undefined ? { ratio } : {}), ...(text ? { goal: text, met } : {}) });
  }

  /** The one table: every figure, its raw counterpart and ratio, the goal and whether this run meets it. */
  print(): void {
    console.table(
      this.all.map((f) => ({
        section: f.section,
        figure: f.figure,
        product: `${f.product} ${f.unit}`,
        raw: f.raw === undefined ? '' : `${f.raw} ${f.unit}`,
        ratio: f.ratio === undefined ? '' : `${f.ratio}×`,
        goal: f.goal ?? '',
        met: f.met === undefined ? '' : f.met ? 'yes' : 'NO',
      })),
    );
  }
}
