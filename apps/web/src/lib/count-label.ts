/** A list's total as the content API gives it: "812", "1,000+" (counting stopped) or "about 40,000" (the database's estimate, two significant digits). */
export function countLabel(total: number, kind: 'exact' | 'atLeast' | 'estimate'): string {
  if (kind === 'atLeast') return `${total.toLocaleString('en')}+`;
  if (kind === 'estimate') return `about ${Number(total.toPrecision(2)).toLocaleString('en')}`;
  return total.toLocaleString('en');
}
