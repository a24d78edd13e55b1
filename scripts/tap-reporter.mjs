// node:test's TAP reporter, with the failed tests named again just above the closing totals: CI shows only the
// end of the output, where a failure otherwise says "fail 1" and not which test it was.
import { tap } from 'node:test/reporters';
import { testFileResolver } from './file-times-reporter.mjs';

const errorOf = (details) =>
  String(details?.error?.cause?.message ?? details?.error?.message ?? '')
    .split('\n')
    .filter((l) => l.trim())
    .slice(0, 3)
    .join(' ')
    .slice(0, 300);

async function* withFailuresListed(source) {
  // a suite's result comes after its tests': each failure is named with the suites around it as they come
  const failed = [];
  const testFileOf = testFileResolver();
  let listed = false;
  for await (const event of source) {
    if (event.type === 'test:fail') {
      const { name, nesting, details } = event.data;
      const inside = failed.filter((f) => f.nesting > nesting);
      for (const f of inside) [f.path, f.nesting] = [`${name} > ${f.path}`, nesting];
      const error = errorOf(details);
      // a suite that failed only because a test in it did is said by that test's line
      if (!(details?.type === 'suite' && inside.length && /^\d+ subtests? failed$/.test(error)))
        failed.push({ nesting, path: name, error });
      if (nesting === 0) for (const f of failed) if (f.nesting === 0) f.file ??= testFileOf(event);
    }
    // the totals are the run's last diagnostics ("tests N", "suites N", … "duration_ms N")
    if (!listed && event.type === 'test:diagnostic' && /^tests \d+$/.test(event.data.message)) {
      listed = true;
      for (const f of failed)
        yield { type: 'test:diagnostic', data: { nesting: 0, message: `failed: ${f.file}: ${f.path}: ${f.error}` } };
    }
    yield event;
  }
}

export default async function* tapWithFailures(source) {
  yield* tap(withFailuresListed(source));
}
