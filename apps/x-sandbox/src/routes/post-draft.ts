import { z } from 'zod';
import type { PostDraft } from '../state/posts';

const id = z.string().regex(/^\d{1,19}$/);

/** The body of `POST /2/tweets`, as far as the sandbox supports it. */
export const createPostBody = z.object({
  text: z.string().optional(),
  reply: z.object({ in_reply_to_tweet_id: id, exclude_reply_user_ids: z.array(id).optional() }).optional(),
  quote_tweet_id: id.optional(),
  media: z.object({ media_ids: z.array(id).min(1).max(4), tagged_user_ids: z.array(id).optional() }).optional(),
  poll: z
    .object({
      options: z.array(z.string().min(1).max(25)).min(2).max(4),
      duration_minutes: z.number().int().min(5).max(10_080),
      reply_settings: z.string().optional(),
    })
    .optional(),
  reply_settings: z.enum(['following', 'mentionedUsers', 'subscribers', 'verified']).optional(),
  for_super_followers_only: z.boolean().optional(),
  nullcast: z.boolean().optional(),
});

/**
 * The draft a parsed body describes.
 *
 * @example
 * toDraft({ text: 'hi', reply: { in_reply_to_tweet_id: '1' } }); // { text: 'hi', replyToPostId: '1' }
 */
export function toDraft(body: z.output<typeof createPostBody>): PostDraft {
  return {
    ...(body.text !== undefined ? { text: body.text } : {}),
    ...(body.reply ? { replyToPostId: body.reply.in_reply_to_tweet_id } : {}),
    ...(body.quote_tweet_id ? { quotedPostId: body.quote_tweet_id } : {}),
    ...(body.media ? { mediaIds: body.media.media_ids } : {}),
    ...(body.poll ? { poll: { options: body.poll.options, durationMinutes: body.poll.duration_minutes } } : {}),
  };
}
