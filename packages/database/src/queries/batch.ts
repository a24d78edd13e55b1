// Helpers for writing many rows with one statement.

/**
 * `items` cut, in order, into runs in which no key repeats: a multi-row upsert may touch a row only once, so
 * a second observation of the same row goes into the next statement (applied after the first, as it came).
 */
export function runsOfDistinct<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const runs: T[][] = [];
  let seen = new Set<string>();
  for (const item of items) {
    const k = key(item);
    if (!runs.length || seen.has(k)) {
      runs.push([]);
      seen = new Set();
    }
    seen.add(k);
    runs.at(-1)!.push(item);
  }
  return runs;
}
