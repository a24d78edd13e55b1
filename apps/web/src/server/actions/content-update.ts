import 'server-only';
import type { Actor } from '@agent-studio/core';
import { gtmPatchBody } from '@agent-studio/core/api';
import { renderMarkdown } from '@agent-studio/core/markdown';
import { getGtmOutput, updateGtmOutput, type GtmOutputRow } from '@agent-studio/database';
import { withActivity } from './activity';
import { contentErrors } from './content-errors';
import { notFound, validate } from './errors';
import { existing } from './lookup';

/** The studio's own workflow data (status, text, schedule, priority): changed here directly, OpenClaw has no part in it. */
export async function updateContent(actor: Actor, outputId: string, input: unknown): Promise<GtmOutputRow> {
  const { content_md, ...body } = validate('body', gtmPatchBody, input);
  const contentMd = body.contentMd ?? content_md;
  const before = await existing('Content item', outputId, getGtmOutput);
  const id = before.id;
  const action = body.status !== undefined ? 'gtm.status' : contentMd !== undefined ? 'gtm.edit' : 'gtm.schedule';
  const detail = {
    ...(body.status !== undefined ? { from: before.status, to: body.status } : {}),
    ...(body.scheduledFor !== undefined ? { scheduledFor: body.scheduledFor } : {}),
    ...(body.priority !== undefined ? { priority: body.priority } : {}),
  };
  const row = await withActivity(
    actor,
    { action, target: { kind: 'gtm_output', id, label: before.title }, detail },
    (tx) =>
      contentErrors(tx, id, () =>
        updateGtmOutput(tx, id, {
          status: body.status,
          scheduledFor: body.scheduledFor,
          scheduledUrl: body.scheduledUrl,
          priority: body.priority,
          expectedRevision: body.baseRevision,
          resolveDisk: body.resolveDisk,
          actor,
          ...(contentMd !== undefined ? { contentMd, contentHtml: renderMarkdown(contentMd) } : {}),
        }),
      ),
  );
  if (!row) throw notFound('Content item');
  return row;
}
