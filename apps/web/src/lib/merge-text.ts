import { merge } from 'node-diff3';

/**
 * Three-way merge by line of two versions made from one base: changes on different lines are both kept;
 * where both changed the same lines, both are left between conflict markers for the owner to settle.
 */
export function mergeText(mine: string, base: string, theirs: string): { text: string; conflict: boolean } {
  const lines = (s: string) => s.split('\n');
  const { result, conflict } = merge(lines(mine), lines(base), lines(theirs), { label: { a: 'yours', b: 'theirs' } });
  return { text: result.join('\n'), conflict };
}
