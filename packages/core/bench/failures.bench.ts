// Failure categorizer accuracy on the corpus (packages/core/test/failures/corpus): the dev part the rules were
// written against, and the held-out third they never saw (its figure is the one to quote). Unknown rate: items
// with a clear cause (labelled other than unknown) that the categorizer left unknown.
import { performance } from 'node:perf_hooks';
import { categorizeFailure, failureCategories } from '../src/failures/categorize';
import { devCorpus, heldOutCorpus, type CorpusItem } from '../test/failures/corpus';

function report(name: string, corpus: CorpusItem[], showMisses: boolean) {
  const t0 = performance.now();
  const results = corpus.map((f) => ({ expected: f.label, got: categorizeFailure(f), text: f.text }));
  const ms = performance.now() - t0;
  const right = results.filter((r) => r.expected === r.got).length;
  const clear = results.filter((r) => r.expected !== 'unknown');
  const leftUnknown = clear.filter((r) => r.got === 'unknown').length;
  console.log(
    `${name}: ${right}/${results.length} right, accuracy ${((right / results.length) * 100).toFixed(1)}% (goal 90%); ` +
      `${leftUnknown}/${clear.length} with a clear cause left unknown (${((leftUnknown / clear.length) * 100).toFixed(1)}%, goal under 5%); ` +
      `${((ms / results.length) * 1000).toFixed(0)} µs per failure`,
  );
  for (const cat of failureCategories) {
    const of = results.filter((r) => r.expected === cat);
    if (of.length) console.log(`  ${cat.padEnd(20)} ${of.filter((r) => r.got === cat).length}/${of.length}`);
  }
  // the held-out texts stay unread while the rules are worked on: only their count per category is printed
  if (showMisses)
    for (const r of results.filter((x) => x.expected !== x.got))
      console.log(`  miss: ${r.expected} read as ${r.got}: ${r.text.split('\n')[0]!.slice(0, 120)}`);
}

report('dev (the rules were written against it)', devCorpus(), true);
report(
  'held-out third (never used to write the rules)',
  heldOutCorpus(),
  process.argv.includes('--show-held-out-misses'),
);
