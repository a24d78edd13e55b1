import 'server-only';
import { contentMetricsBody } from '@agent-studio/core/api';
import { getGtmOutput, setContentMetrics } from '@agent-studio/database';
import { getDb } from '../db';
import { DomainError, validate } from './errors';
import { existing } from './lookup';

/** Performance figures of published content (views, clicks…), as the owner reads them off the channel. */
export async function setContentFigures(outputId: string, input: unknown) {
  const figures = validate('body', contentMetricsBody, input);
  const output = await existing('Content item', outputId, getGtmOutput);
  const row = await (await getDb()).transaction((tx) => setContentMetrics(tx, output.id, figures));
  if (!row)
    throw new DomainError(
      'not_published',
      `“${output.title}” is ${output.status?.replace('_', ' ')}, not published: performance figures apply to published content only.`,
    );
  return row;
}
