import { TRPCClientError } from '@trpc/client';
import { describeFailure } from '#lib/client/errors.ts';
import type { PostContentInput, PublishTimingInput, RecurrenceRuleInput } from '#lib/client/publishing-types.ts';
import { issuesByItem, type ItemIssues } from '#lib/client/thread-editing.ts';
import { trpc } from '#lib/trpc.ts';

export type SaveRequest = {
  workspaceId: string;
  /** Set when editing a saved post. */
  postId: string | null;
  content: PostContentInput;
  /** The alt text of each attached media file, saved on the files first. */
  altTexts: Array<{ mediaId: string; altText: string }>;
  timing: PublishTimingInput;
  /** Set when the post repeats: a series is created instead of one post. */
  rule: RecurrenceRuleInput | null;
};

export type SaveResult =
  | { ok: true; kind: 'post'; postId: string; status: string; scheduledAt: Date | null; timezone: string }
  | { ok: true; kind: 'series'; count: number; firstAt: Date | null }
  | { ok: false; issues: ItemIssues };

/**
 * Saves the composer's thread: a new post, changes to a saved one, or a repeating series,
 * after the alt text of its media (a file's alt text travels with the file, so a post
 * published at once already sends it). Validation problems come back sorted by thread
 * item, so each shows under its own text.
 */
export async function savePost(request: SaveRequest): Promise<SaveResult> {
  const { workspaceId, postId, content, altTexts, timing, rule } = request;
  try {
    await saveAltTexts(workspaceId, altTexts);
    if (rule) {
      const series = await trpc.recurring.create.mutate({ workspaceId, content, rule });
      return { ok: true, kind: 'series', count: series.posts.length, firstAt: series.posts[0]?.scheduledAt ?? null };
    }
    const post = postId
      ? await trpc.posts.update.mutate({ workspaceId, postId, content, timing })
      : await trpc.posts.create.mutate({ workspaceId, content, timing });
    return { ok: true, kind: 'post', postId: post.id, status: post.status, scheduledAt: post.scheduledAt, timezone: post.timezone };
  } catch (error) {
    return { ok: false, issues: describeSaveFailure(error) };
  }
}

/**
 * Saves the alt text of a thread's media on the files themselves (where publishing reads
 * it), before the thread is saved; nothing to send is no request.
 */
export async function saveAltTexts(workspaceId: string, altTexts: SaveRequest['altTexts']): Promise<void> {
  if (altTexts.length > 0) await trpc.media.describe.mutate({ workspaceId, descriptions: altTexts });
}

function describeSaveFailure(error: unknown): ItemIssues {
  const issues = error instanceof TRPCClientError ? (error.data as { issues?: string[] | null } | undefined)?.issues : null;
  if (issues && issues.length > 0) return issuesByItem(issues);
  return { general: [describeFailure(error)], byItem: new Map() };
}
