// Page figures on the demo studio: the dashboard's server response time and its first-load JavaScript
// (every script the HTML loads, gzipped). Targets: under 300 ms, under 250 KB.
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { startDemoStudio } from '../e2e/harness';

const studio = await startDemoStudio();
try {
  const times: number[] = [];
  let html = '';
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    const res = await studio.fetch('/');
    html = await res.text();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!);
  let gzipped = 0;
  for (const src of new Set(scripts))
    gzipped += gzipSync(new Uint8Array(await (await fetch(new URL(src, studio.url))).arrayBuffer())).length;
  console.log(
    `dashboard: server response p50 ${times[15]!.toFixed(0)} ms, p95 ${times[28]!.toFixed(0)} ms (target < 300 ms)`,
  );
  console.log(
    `dashboard: first-load JavaScript ${(gzipped / 1024).toFixed(0)} KB gzipped in ${new Set(scripts).size} files (target < 250 KB)`,
  );
} finally {
  await studio.stop();
}
