import 'server-only';
import type { Actor } from '@agent-studio/core';
import { restoreBody } from '@agent-studio/core/api';
import { renderMarkdown } from '@agent-studio/core/markdown';
import { getGtmRevision, updateGtmOutput, type GtmOutputRow } from '@agent-studio/database';
import { getDb } from '../db';
import { contentErrors } from './content-errors';
import { notFound, validate } from './errors';

/** A restore is a new revision with the old text, so the history only ever grows. */
export async function restoreContent(
  actor: Actor,
  outputId: string,
  revision: number,
  input: unknown,
): Promise<GtmOutputRow> {
  const { baseRevision } = validate('body', restoreBody, input);
  const db = await getDb();
  const old = await getGtmRevision(db, outputId, revision);
  if (!old) throw notFound('Revision');
  const row = await contentErrors(db, outputId, () =>
    db.transaction((tx) =>
      updateGtmOutput(tx, outputId, {
        contentMd: old.content_md,
        contentHtml: renderMarkdown(old.content_md),
        expectedRevision: baseRevision,
        restoredFrom: revision,
        actor,
      }),
    ),
  );
  if (!row) throw notFound('Content item');
  return row;
}
