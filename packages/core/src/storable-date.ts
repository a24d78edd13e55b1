/**
 * Whether a date is one the studio stores and pages by: years 1970–9999. JavaScript reads dates up to the
 * year 275760, which Postgres refuses as out of range.
 */
export function isStorableDate(d: Date): boolean {
  const year = d.getUTCFullYear();
  return year >= 1970 && year <= 9999;
}
