// YAML that attacks its reader rather than saying anything, for the front-matter and GTM folder tests.

/**
 * A billion laughs: ten anchors, each a list of nine aliases of the one before, so expanding the last would
 * make 9^10 "lol"s. A reader must refuse it by its alias count, never expand it.
 */
export function billionLaughs(): string {
  const names = 'abcdefghij';
  const nine = (item: string) => `[${Array(9).fill(item).join(', ')}]`;
  return [...names].map((name, i) => `${name}: &${name} ${nine(i ? `*${names[i - 1]}` : 'lol')}`).join('\n');
}
