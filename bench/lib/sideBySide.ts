import { median, percentile, sum, timed } from './stats';
import { formatMs, formatRate, formatSpeedRatio, type Row } from './report';

export interface SideBySideSamples {
  /** Wall-clock milliseconds per call. */
  ours: number[];
  peer: number[];
  /** CPU milliseconds of Plumbline's calls. */
  oursCpu: number[];
}

/**
 * Times `ours` and `peer` on every input, alternating which goes first each
 * round so neither profits from caches warmed by the other. One untimed round
 * warms the JIT first.
 */
export function timeSideBySide<T>(inputs: readonly T[], rounds: number, ours: (input: T) => unknown, peer: (input: T) => unknown): SideBySideSamples {
  for (const input of inputs) {
    ours(input);
    peer(input);
  }
  const samples: SideBySideSamples = { ours: [], peer: [], oursCpu: [] };
  const timeOurs = (input: T) => {
    const timing = timed(() => ours(input));
    samples.ours.push(timing.ms);
    samples.oursCpu.push(timing.cpuMs);
  };
  const timePeer = (input: T) => samples.peer.push(timed(() => peer(input)).ms);
  for (let round = 0; round < rounds; round++) {
    for (const input of inputs) {
      if (round % 2 === 0) {
        timeOurs(input);
        timePeer(input);
      } else {
        timePeer(input);
        timeOurs(input);
      }
    }
  }
  return samples;
}

export interface PerFileRowOptions {
  measure: string;
  peerName: string;
  /** Plumbline must be at least this many times faster (1 = no slower). */
  minimumSpeedup: number;
}

/** A row comparing per-file medians; throughput counts files per second of Plumbline's time. */
export function perFileRow(samples: SideBySideSamples, options: PerFileRowOptions): Row {
  const ours = median(samples.ours);
  const peer = median(samples.peer);
  return {
    measure: options.measure,
    median: ours,
    p95: percentile(samples.ours, 0.95),
    cpu: median(samples.oursCpu),
    throughput: formatRate(samples.ours.length, 'files', sum(samples.ours)),
    peer: `${options.peerName} ${formatMs(peer)}`,
    ratio: formatSpeedRatio(ours, peer),
    target: options.minimumSpeedup === 1 ? `no slower than ${options.peerName}` : `≥ ${options.minimumSpeedup}× faster`,
    pass: peer / ours >= options.minimumSpeedup,
  };
}
