/**
 * JSON.parse with NUL characters dropped from strings. Postgres stores none, in text or jsonb, so one NUL in a
 * run's summary or a job's name would have the whole record refused, again at every catch-up. JSON must
 * escape a NUL, so only a text holding `\u0000` takes the slower path.
 */
export function parseStorableJson(text: string): unknown {
  return text.includes('\\u0000') ? JSON.parse(text, dropNul) : JSON.parse(text);
}

const dropNul = (_key: string, value: unknown) => (typeof value === 'string' ? value.replaceAll('\u0000', '') : value);
