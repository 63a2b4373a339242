/** Closed-loop load: a fixed number of requests spread over concurrent workers, with latencies. */

/** Throughput and latency of one measured load. */
export interface LoadFigures {
  requests: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] ?? 0;
}

/**
 * Runs `request(index)` for indexes 0..count-1 on `concurrency` workers, each sending its next
 * request when the previous one completes, and measures throughput and latency percentiles.
 */
export async function measureLoad(
  count: number,
  concurrency: number,
  request: (index: number) => Promise<unknown>,
): Promise<LoadFigures> {
  const latencies: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    for (let index = next++; index < count; index = next++) {
      const sent = process.hrtime.bigint();
      await request(index);
      latencies.push(Number(process.hrtime.bigint() - sent) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requests: count,
    seconds,
    perSecond: count / seconds,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
  };
}

/** Formats one line of figures for the console. */
export function describeLoad(label: string, figures: LoadFigures): string {
  return (
    `${label.padEnd(34)} ${figures.perSecond.toFixed(0).padStart(6)} req/s` +
    `  p50 ${figures.p50Ms.toFixed(2)} ms  p99 ${figures.p99Ms.toFixed(2)} ms  (${figures.requests} requests)`
  );
}
