// The Agents page lists sessions as trees: a sub-agent right under its parent, wherever the list had it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inTreeOrder } from '../src/lib/tree-order';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 3, 8, minute));
const s = (id: string, parent: string | null, minute: number) => ({
  id,
  parent_session_id: parent,
  started_at: at(minute),
});

test('children follow their parent, oldest first; the roots keep the list order', () => {
  // newest activity first, as the page reads them: the children before their parent
  const list = [s('w2', 'p', 3), s('w1', 'p', 2), s('cron', null, 5), s('w1a', 'w1', 4), s('p', null, 1)];
  assert.deepEqual(
    inTreeOrder(list).map((r) => `${'  '.repeat(r.depth)}${r.session.id}`),
    ['cron', 'p', '  w1', '    w1a', '  w2'],
  );
});

test('a session whose parent is not in the list is a root of its own', () => {
  assert.deepEqual(
    inTreeOrder([s('orphan', 'gone', 1), s('root', null, 2)]).map((r) => [r.session.id, r.depth]),
    [
      ['orphan', 0],
      ['root', 0],
    ],
  );
});
