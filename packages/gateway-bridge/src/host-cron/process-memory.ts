// Peak resident memory of a command and everything it started, from Linux's /proc. Node does not expose a
// child's rusage (wait4's ru_maxrss), so the tree is sampled while it runs: each process's own high-water mark
// (VmHWM) and the tree's summed current RSS, whichever is higher. Elsewhere (no /proc) the peak is unknown.
import { readFileSync } from 'node:fs';

const kb = (status: string, field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null; // the process ended between listing and reading
  }
}

/** The pid and its descendants (via /proc/<pid>/task/<tid>/children). */
function processTree(pid: number): number[] {
  const out: number[] = [];
  const queue = [pid];
  while (queue.length && out.length < 10_000) {
    const p = queue.shift()!;
    out.push(p);
    const children = read(`/proc/${p}/task/${p}/children`);
    if (children) for (const c of children.split(' ')) if (c.trim()) queue.push(Number(c));
  }
  return out;
}

export class PeakMemory {
  private peakKb: number | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly pid: number,
    private readonly everyMs = 50,
  ) {}

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.everyMs);
    this.timer.unref();
    return this;
  }

  /** Stops sampling; the highest value seen, in kB (null if /proc could not be read at all). */
  stop(): number | null {
    if (this.timer) clearInterval(this.timer);
    return this.peakKb;
  }

  sample(): void {
    let sum = 0;
    let hwm = 0;
    let seen = false;
    for (const p of processTree(this.pid)) {
      const status = read(`/proc/${p}/status`);
      if (!status) continue;
      seen = true;
      sum += kb(status, 'VmRSS');
      hwm = Math.max(hwm, kb(status, 'VmHWM'));
    }
    if (seen) this.peakKb = Math.max(this.peakKb ?? 0, sum, hwm);
  }
}
