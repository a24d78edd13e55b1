// Failure categorizer accuracy on the labelled corpus (target 90%), and its speed.
import { performance } from 'node:perf_hooks';
import { categorizeFailure, failureCategories } from '../src/failures/categorize';
import { failureCorpus } from '../src/failures/corpus';

const t0 = performance.now();
const results = failureCorpus.map((f) => ({ expected: f.category, got: categorizeFailure(f) }));
const ms = performance.now() - t0;
const right = results.filter((r) => r.expected === r.got).length;
console.log(`failure categorizer: ${right}/${results.length} right, accuracy ${((right / results.length) * 100).toFixed(1)}% (target 90%), ${((ms / results.length) * 1000).toFixed(0)} µs per failure`);
for (const cat of failureCategories) {
  const of = results.filter((r) => r.expected === cat);
  const ok = of.filter((r) => r.got === cat).length;
  console.log(`  ${cat.padEnd(14)} ${ok}/${of.length}`);
}
