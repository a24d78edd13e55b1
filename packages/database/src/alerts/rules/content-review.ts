import { z } from 'zod';
import { countTitle, defineRule } from '../rule';

/** Content waiting for the owner's review; resolved when nothing waits. */
export const contentReview = defineRule({
  kind: 'content_review',
  label: 'Content ready for review',
  description: 'Content items wait for review. Resolved when none waits.',
  params: z.object({}),
  summary: (items) =>
    countTitle(
      items,
      (i) => `“${i.title}” is ready for review`,
      (n) => `${n} content items ready for review`,
    ),
  async findOpen(db) {
    const rows = await db.query<{ id: string; title: string; content_type: string }>(
      `select id, title, content_type from gtm_outputs where status = 'pending_review' order by created_at limit 200`,
    );
    // the type in words, as the studio's pages write it ("blog post", never the key blog_post)
    return rows.map((r) => ({
      key: r.id,
      title: r.title,
      detail: `A ${r.content_type.replace(/_+/g, ' ')} waits for review.`,
    }));
  },
});
