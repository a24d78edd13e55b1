import type { Actor } from '@agent-studio/core';
import type { Queryable } from '../db';

export interface GtmRevisionRow {
  revision: number;
  author_kind: Actor['kind'];
  author_id: string | null;
  author_name: string;
  restored_from: number | null;
  created_at: Date;
  /** Characters in the text (the list leaves the text itself out). */
  length: number;
}

/** Keeps the text of one revision. Called in the transaction that made the revision. */
export async function recordGtmRevision(
  tx: Queryable,
  params: { outputId: string; revision: number; contentMd: string; author: Actor; restoredFrom?: number },
): Promise<void> {
  await tx.query(
    `insert into gtm_revisions (output_id, revision, content_md, author_kind, author_id, author_name, restored_from)
     values ($1, $2, $3, $4, $5, $6, $7) on conflict (output_id, revision) do nothing`,
    [
      params.outputId,
      params.revision,
      params.contentMd,
      params.author.kind,
      params.author.id,
      params.author.name,
      params.restoredFrom ?? null,
    ],
  );
}

/** The item's history, newest first. */
export async function listGtmRevisions(db: Queryable, outputId: string, limit = 200): Promise<GtmRevisionRow[]> {
  return db.query<GtmRevisionRow>(
    `select revision, author_kind, author_id, author_name, restored_from, created_at, length(content_md)::int as length
       from gtm_revisions where output_id = $1 order by revision desc limit $2`,
    [outputId, limit],
  );
}

export async function getGtmRevision(
  db: Queryable,
  outputId: string,
  revision: number,
): Promise<(GtmRevisionRow & { content_md: string }) | null> {
  const [row] = await db.query<GtmRevisionRow & { content_md: string }>(
    `select revision, author_kind, author_id, author_name, restored_from, created_at, length(content_md)::int as length, content_md
       from gtm_revisions where output_id = $1 and revision = $2`,
    [outputId, revision],
  );
  return row ?? null;
}
