import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeText } from '@/lib/merge-text';

test('edits on different lines are both kept', () => {
  const base = 'Title\n\nfirst paragraph\n\nsecond paragraph';
  const mine = 'Title\n\nfirst paragraph, edited in tab A\n\nsecond paragraph';
  const theirs = 'Title\n\nfirst paragraph\n\nsecond paragraph, edited in tab B';
  assert.deepEqual(mergeText(mine, base, theirs), {
    text: 'Title\n\nfirst paragraph, edited in tab A\n\nsecond paragraph, edited in tab B',
    conflict: false,
  });
});

test('edits of the same line keep both between markers', () => {
  const { text, conflict } = mergeText('a\nmine\nc', 'a\nb\nc', 'a\ntheirs\nc');
  assert.equal(conflict, true);
  assert.equal(text, 'a\n<<<<<<< yours\nmine\n=======\ntheirs\n>>>>>>> theirs\nc');
});
