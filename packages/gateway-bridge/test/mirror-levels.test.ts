// A tool result the tool marked isError is an error line however it arrives: in a history read back (see
// mirror-truth), as a live tool event, or as a chat message (2026.9.6 never sends a tool result as a
// session.message, other versions may).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chatMessageSchema } from '../src/mirror/schemas';
import { messageLine } from '../src/mirror/translate';
import { messages } from './recorded-gateway';

const RUN = 'agent:main:cron:499cab22-f5da-479e-a524-c869b586dba1:run:018a87bd-20de-44c4-a9de-ac2f8318886e';

test('a tool result arriving as a chat message is an error line when marked isError, info otherwise', () => {
  // the failed edit (ENOENT) recorded in the lab
  const failed = messages('history-toolerror').find((m) => m.role === 'toolResult')!;
  assert.equal(failed.isError, true);
  assert.equal(messageLine(RUN, chatMessageSchema.parse(failed))?.line.level, 'error');
  assert.equal(messageLine(RUN, chatMessageSchema.parse({ ...failed, isError: false }))?.line.level, 'info');
});
