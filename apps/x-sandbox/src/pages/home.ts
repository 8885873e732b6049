import type { SandboxPost, SandboxUser } from '../state/types';
import type { SandboxWorld } from '../world';
import { escapeHtml, layout } from './html';

const THREADS_PER_USER = 30;

/**
 * The sandbox's front page: every user with their recent threads, replies under the post
 * they answer, media and polls marked, so a person can see what TweetFlow posted.
 *
 * @example
 * html(200, renderHome(world));
 */
export function renderHome(world: SandboxWorld): string {
  const users = [...world.store.users.values()];
  const sections = users.map((user) => renderUserSection(world, user)).join('');
  return layout(
    'X sandbox',
    `<h1>X sandbox</h1><p class="meta">${users.length} users · ${world.store.posts.size} posts · clock ${escapeHtml(new Date(world.now()).toISOString())}</p>${sections || '<div class="card">No users yet. Connect an account from TweetFlow to create one.</div>'}`,
  );
}

function renderUserSection(world: SandboxWorld, user: SandboxUser): string {
  const ids = world.store.postIdsByAuthor.get(user.id) ?? [];
  // Group the author's posts by thread; threads newest first, posts inside in reply order.
  const threads = new Map<string, SandboxPost[]>();
  for (let index = ids.length - 1; index >= 0 && threads.size <= THREADS_PER_USER; index--) {
    const post = world.store.posts.get(ids[index] ?? '');
    if (!post) continue;
    const thread = threads.get(post.conversationId) ?? [];
    thread.unshift(post);
    threads.set(post.conversationId, thread);
  }
  const rendered = [...threads.values()]
    .slice(0, THREADS_PER_USER)
    .map((thread) => `<div class="card">${thread.map((post) => renderPost(world, post)).join('')}</div>`)
    .join('');
  const badges = `${user.premium ? '<span class="badge">premium</span>' : ''}${user.verified ? '<span class="badge">verified</span>' : ''}`;
  return `<h2>@${escapeHtml(user.username)} <span class="meta">${escapeHtml(user.name)}</span> ${badges}</h2>${rendered || '<p class="meta">No posts yet.</p>'}`;
}

function renderPost(world: SandboxWorld, post: SandboxPost): string {
  const media = post.mediaIds
    .map((id) => world.store.media.get(id))
    .map((file) => {
      const type = file?.mediaType ?? 'media';
      const label = type.startsWith('video') ? '🎞 video' : type === 'image/gif' ? 'GIF' : '📷 image';
      // Alt text as X shows it on a badge ("ALT"), spelled out here so a person can check it.
      const alt = file?.altText ? ` · ALT: ${escapeHtml(file.altText)}` : '';
      return `<span class="badge">${label}${alt}</span>`;
    })
    .join('');
  const poll = post.poll ? `<span class="badge">poll: ${post.poll.options.map(escapeHtml).join(' / ')}</span>` : '';
  const quote = post.quotedPostId ? `<span class="badge">quotes ${escapeHtml(post.quotedPostId)}</span>` : '';
  const kind = post.inReplyToPostId ? 'post reply' : 'post';
  return `<div class="${kind}">${escapeHtml(post.text)}<div class="meta">${escapeHtml(new Date(post.createdAt).toISOString())} · ${post.likedBy.size} likes ${media}${poll}${quote}</div></div>`;
}
