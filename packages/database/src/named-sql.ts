/**
 * SQL with `:name` placeholders, and the values by name, as the drivers take it: `$n` placeholders and a list.
 * A name may stand in several places; one without a value is an error, not a null. Casts (`::uuid`) are left as
 * they are.
 */
export function namedSql(sql: string, values: Record<string, unknown>): [string, unknown[]] {
  const order: string[] = [];
  const text = sql.replace(/(?<!:):([a-zA-Z_]\w*)/g, (_, name: string) => {
    if (!Object.hasOwn(values, name)) throw new Error(`namedSql: no value for :${name}`);
    const at = order.includes(name) ? order.indexOf(name) : order.push(name) - 1;
    return `$${at + 1}`;
  });
  return [text, order.map((name) => values[name])];
}
