// namedSql: `:name` placeholders become `$n` in order of first use, each name one value however often it stands.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { namedSql } from '../src/named-sql';
import { describeEachDriver } from './kit/testing';

test('names become positions in order of first use; a repeated name is one value; casts stay', () => {
  assert.deepEqual(namedSql("select :b::uuid, :a, :b, '{}'::jsonb", { a: 1, b: 'x' }), [
    "select $1::uuid, $2, $1, '{}'::jsonb",
    ['x', 1],
  ]);
  assert.throws(() => namedSql('select :missing', {}), /no value for :missing/);
});

describeEachDriver('namedSql on the drivers', (get) => {
  test('the database reads the values by name', async () => {
    const [row] = await get().db.query<{ a: number; same: boolean }>(
      ...namedSql('select :a::int + 1 as a, :s::text = :s::text as same', { a: 41, s: 'x' }),
    );
    assert.deepEqual(row, { a: 42, same: true });
  });
});
