import { performance } from 'node:perf_hooks';

/** The value below which `fraction` of the samples fall (nearest-rank). */
export function percentile(samples: readonly number[], fraction: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil(fraction * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function sum(samples: readonly number[]): number {
  return samples.reduce((total, sample) => total + sample, 0);
}

export interface Timing<T> {
  /** Wall-clock milliseconds. */
  ms: number;
  /**
   * CPU milliseconds this process spent (user + system). On a busy machine
   * wall time includes waiting for a core; CPU time mostly does not.
   */
  cpuMs: number;
  result: T;
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** How long `work` took, and its result. */
export function timed<T>(work: () => T): Timing<T> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const result = work();
  return { ms: performance.now() - start, cpuMs: cpuMsSince(cpuStart), result };
}

export async function timedAsync<T>(work: () => Promise<T>): Promise<Timing<T>> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const result = await work();
  return { ms: performance.now() - start, cpuMs: cpuMsSince(cpuStart), result };
}

/**
 * `rounds` runs of each side, alternating which goes first each round, so
 * that a machine that slows down or speeds up during the runs weighs on both.
 */
export async function alternate<Side extends string, T>(rounds: number, run: Record<Side, () => T | Promise<T>>): Promise<Record<Side, T[]>> {
  const sides = Object.keys(run) as Side[];
  const runs = Object.fromEntries(sides.map((side) => [side, [] as T[]])) as Record<Side, T[]>;
  for (let round = 0; round < rounds; round++) {
    for (const side of round % 2 === 0 ? sides : [...sides].reverse()) runs[side].push(await run[side]());
  }
  return runs;
}
