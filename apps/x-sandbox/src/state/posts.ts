import twitterText from 'twitter-text';
import type { SandboxResponse } from '../http/responses';
import { duplicateContent, forbidden, invalidRequest } from '../problems';
import type { SandboxWorld } from '../world';
import { activityForPost } from './activity';
import type { SandboxPoll, SandboxPost, SandboxUser } from './types';

/** A post as requested through `POST /2/tweets` (already shape-checked). */
export type PostDraft = {
  text?: string;
  replyToPostId?: string;
  quotedPostId?: string;
  mediaIds?: string[];
  poll?: SandboxPoll;
  /** Only through the admin API: when the post was made (to seed a history); default now. */
  createdAt?: number;
};

export type PublishResult = { ok: true; post: SandboxPost } | { ok: false; response: SandboxResponse };

const STANDARD_LIMIT = 280;
const PREMIUM_LIMIT = 25_000;

/**
 * Applies X's rules to a draft and, if it passes, stores the post: one of media, poll or
 * quote; text within the weighted limit; replies only to live posts; media only when
 * processed and owned; never the same text twice from one author.
 *
 * @example
 * const result = publishPost(world, alice, { text: 'Hello' });
 * if (result.ok) result.post.id;
 */
export function publishPost(world: SandboxWorld, author: SandboxUser, draft: PostDraft): PublishResult {
  const rejection = rejectionOf(world, author, draft);
  if (rejection) return { ok: false, response: rejection };
  const text = draft.text ?? '';
  const id = world.ids.next();
  const parent = draft.replyToPostId ? world.store.posts.get(draft.replyToPostId) : undefined;
  const post: SandboxPost = {
    id,
    authorId: author.id,
    text,
    createdAt: draft.createdAt ?? world.now(),
    conversationId: parent?.conversationId ?? id,
    mediaIds: draft.mediaIds ?? [],
    mentionedUserIds: mentionedUserIds(world, text, author.id, parent?.authorId),
    likedBy: new Set(),
    repostedBy: new Set(),
    replyCount: 0,
    quoteCount: 0,
    ...(parent ? { inReplyToPostId: parent.id, inReplyToUserId: parent.authorId } : {}),
    ...(draft.quotedPostId ? { quotedPostId: draft.quotedPostId } : {}),
    ...(draft.poll ? { poll: draft.poll } : {}),
  };
  if (parent) parent.replyCount++;
  const quoted = draft.quotedPostId ? world.store.posts.get(draft.quotedPostId) : undefined;
  if (quoted) quoted.quoteCount++;
  world.store.addPost(post);
  world.store.postsCreatedByUser.set(author.id, (world.store.postsCreatedByUser.get(author.id) ?? 0) + 1);
  world.onChange();
  for (const event of activityForPost(world, post)) world.onActivity(event);
  return { ok: true, post };
}

/**
 * Deletes a post of `author`; false when there is no such post of theirs.
 *
 * @example
 * deletePost(world, alice, '1995…'); // true
 */
export function deletePost(world: SandboxWorld, author: SandboxUser, postId: string): boolean {
  const post = world.store.posts.get(postId);
  if (!post || post.authorId !== author.id) return false;
  const parent = post.inReplyToPostId ? world.store.posts.get(post.inReplyToPostId) : undefined;
  if (parent) parent.replyCount = Math.max(0, parent.replyCount - 1);
  world.store.removePost(post);
  world.onChange();
  return true;
}

function rejectionOf(world: SandboxWorld, author: SandboxUser, draft: PostDraft): SandboxResponse | undefined {
  const attachments = [draft.mediaIds !== undefined, draft.poll !== undefined, draft.quotedPostId !== undefined];
  if (attachments.filter(Boolean).length > 1) {
    return invalidRequest('Your request can only contain one of media, poll, or quote_tweet_id.', {
      ...(draft.mediaIds ? { 'media.media_ids': draft.mediaIds } : {}),
      ...(draft.quotedPostId ? { quote_tweet_id: [draft.quotedPostId] } : {}),
      ...(draft.poll ? { 'poll.options': draft.poll.options } : {}),
    });
  }
  const text = draft.text ?? '';
  if (text.trim() === '' && !draft.mediaIds?.length) {
    return invalidRequest('The `text` field is required unless `media` is given.', { text: [text] });
  }
  const limit = author.premium ? PREMIUM_LIMIT : STANDARD_LIMIT;
  const length = twitterText.parseTweet(text).weightedLength;
  if (length > limit) {
    return invalidRequest(`Post text is ${length} weighted characters; the limit for this account is ${limit}.`, {
      text: [text],
    });
  }
  if (draft.replyToPostId && !world.store.posts.has(draft.replyToPostId)) {
    return forbidden('You attempted to reply to a Tweet that is deleted or not visible to you.');
  }
  if (draft.quotedPostId && !world.store.posts.has(draft.quotedPostId)) {
    return invalidRequest(`The post to quote (${draft.quotedPostId}) does not exist.`, {
      quote_tweet_id: [draft.quotedPostId],
    });
  }
  const unusable = (draft.mediaIds ?? []).filter((id) => {
    const media = world.store.media.get(id);
    return !media || media.ownerId !== author.id || media.state !== 'succeeded';
  });
  if (unusable.length > 0) {
    return invalidRequest('Your media IDs are invalid.', { 'media.media_ids': unusable });
  }
  if (text !== '' && world.store.duplicateOf(author.id, text)) {
    world.stats.duplicatePostsSeen++;
    return duplicateContent();
  }
  return undefined;
}

/** A reply mentions the author it answers, as on X, even without an @username in the text. */
function mentionedUserIds(world: SandboxWorld, text: string, authorId: string, repliedToUserId?: string): string[] {
  const ids = new Set<string>(repliedToUserId && repliedToUserId !== authorId ? [repliedToUserId] : []);
  for (const username of twitterText.extractMentions(text)) {
    const user = world.store.userByUsername(username);
    if (user && user.id !== authorId) ids.add(user.id);
  }
  return [...ids];
}
