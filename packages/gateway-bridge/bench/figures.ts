// What the bridge benches print: percentiles in milliseconds, and how busy the machine was (the figures mean
// little on a busy machine).
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

export const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const ms = (x: number) => `${x.toFixed(1)} ms`;

export function logLoad() {
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} cores`,
  );
}

/** The CPU time `pid` has used so far, user and system, in seconds (from /proc). */
export function cpuSeconds(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / 100; // utime + stime, in clock ticks (100 per second on Linux)
}

/** What `fn` gives, and the CPU `pid` used while it ran, in % of one core. */
export async function cpuPercentDuring<T>(
  pid: number,
  fn: () => Promise<T>,
): Promise<{ result: T; cpuPercent: number }> {
  const [before, t0] = [cpuSeconds(pid), performance.now()];
  const result = await fn();
  return { result, cpuPercent: ((cpuSeconds(pid) - before) / ((performance.now() - t0) / 1000)) * 100 };
}
