// Failure categorizer accuracy (target 90%) on two labelled sets printed apart: the first written alongside the
// rules (optimistic), and one collected from real software's error texts, not written against the rules.
import { performance } from 'node:perf_hooks';
import { categorizeFailure, failureCategories, type FailureCategory, type FailureInput } from '../src/failures/categorize';
import { collectedFailures } from '../src/failures/corpus-collected';
import { failureCorpus } from '../src/failures/corpus';

function report(name: string, corpus: (FailureInput & { category: FailureCategory })[]) {
  const t0 = performance.now();
  const results = corpus.map((f) => ({ expected: f.category, got: categorizeFailure(f), text: f.error ?? '' }));
  const ms = performance.now() - t0;
  const right = results.filter((r) => r.expected === r.got).length;
  console.log(`${name}: ${right}/${results.length} right, accuracy ${((right / results.length) * 100).toFixed(1)}% (target 90%), ${((ms / results.length) * 1000).toFixed(0)} µs per failure`);
  for (const cat of failureCategories) {
    const of = results.filter((r) => r.expected === cat);
    if (of.length) console.log(`  ${cat.padEnd(14)} ${of.filter((r) => r.got === cat).length}/${of.length}`);
  }
  for (const r of results.filter((x) => x.expected !== x.got)) console.log(`  miss: ${r.expected} read as ${r.got}: ${r.text.split('\n')[0]!.slice(0, 110)}`);
}

report('written with the rules', failureCorpus);
report('collected from real error texts', collectedFailures);
