import { laidOut, type WorkflowTemplate } from './workflow-template';

/**
 * Replies to mentions that contain a keyword. The trigger already filters by the keyword;
 * the if node checks again ignoring case and skips the account's own posts, so editing the
 * keyword in one place cannot make it reply to everything.
 */
export const autoReplyToKeywordMentions: WorkflowTemplate = {
  id: 'auto-reply-to-keyword-mentions',
  name: 'Auto-reply to mentions with a keyword',
  description: 'When someone mentions you with "pricing", replies with a link to your pricing page.',
  build: ({ accountId, timezone = 'UTC' }) =>
    laidOut(
      {
        trigger: { type: 'x.mention', params: { accountId, keyword: 'pricing', pollSeconds: 60 } },
        nodes: [
          {
            id: 'check',
            type: 'if',
            name: 'Mentions pricing?',
            params: { condition: "{{ $contains($lowercase(trigger.post.text), 'pricing') }}" },
          },
          {
            id: 'reply',
            type: 'x.reply',
            name: 'Reply with the link',
            params: {
              accountId,
              inReplyTo: '{{ trigger.post.id }}',
              text: 'Hi @{{ trigger.post.authorUsername }}! Plans and prices are here: https://example.com/pricing',
            },
          },
        ],
        edges: [
          { from: 'trigger', to: 'check' },
          { from: 'check', to: 'reply', label: 'true' },
        ],
        settings: { timezone },
      },
      [['check'], ['reply']],
    ),
};

/**
 * Auto-plug: X tells no one when a post passes N likes, so something that watches the
 * numbers calls this workflow's webhook with `{ "postId": "…", "likes": 120 }` — a
 * TweetFlow analytics alert on post likes, or any script. Below the threshold nothing
 * happens; above it, the post gets a reply with the promotion.
 */
export const autoPlugPopularPosts: WorkflowTemplate = {
  id: 'auto-plug-popular-posts',
  name: 'Auto-plug popular posts',
  description:
    'When a post passes 100 likes, replies to it with a promotion. Point a likes alert (or any tool) at this workflow’s webhook with {"postId": "…", "likes": 120}.',
  build: ({ accountId, timezone = 'UTC' }) =>
    laidOut(
      {
        trigger: { type: 'webhook', params: { requireSignature: true } },
        nodes: [
          {
            id: 'plug',
            type: 'set',
            name: 'Threshold and promotion',
            params: { variables: { threshold: '{{ 100 }}', promo: 'Enjoyed this? Our newsletter has more every week: https://example.com/newsletter' } },
          },
          { id: 'popular', type: 'if', name: 'Enough likes?', params: { condition: '{{ $number(trigger.body.likes) >= vars.threshold }}' } },
          { id: 'reply', type: 'x.reply', name: 'Reply with the plug', params: { accountId, inReplyTo: '{{ trigger.body.postId }}', text: '{{ vars.promo }}' } },
        ],
        edges: [
          { from: 'trigger', to: 'plug' },
          { from: 'plug', to: 'popular' },
          { from: 'popular', to: 'reply', label: 'true' },
        ],
        settings: { timezone },
      },
      [['plug'], ['popular'], ['reply']],
    ),
};

/**
 * Reposts the week's best post on Sunday evening. X has no "my top post" endpoint for a
 * workflow to call, so an HTTP request asks an address that answers `{ "postId": "…" }`
 * (a TweetFlow analytics export or your own script); without an answer nothing is reposted.
 */
export const repostTopPostOfTheWeek: WorkflowTemplate = {
  id: 'repost-top-post-of-the-week',
  name: 'Repost the top post of the week',
  description:
    'On Sundays at 18:00, asks an address for the week’s top post ({"postId": "…"}) and reposts it. Set the URL in the "Find top post" node.',
  build: ({ accountId, timezone = 'UTC' }) =>
    laidOut(
      {
        trigger: { type: 'schedule', params: { mode: 'cron', cron: '0 18 * * 0', timezone } },
        nodes: [
          {
            id: 'top',
            type: 'http',
            name: 'Find top post',
            params: { method: 'GET', url: 'https://example.com/top-post-of-the-week.json', timeoutMs: 10_000 },
          },
          { id: 'found', type: 'if', name: 'Found one?', params: { condition: '{{ nodes.top.status = 200 and $exists(nodes.top.body.postId) }}' } },
          { id: 'repost', type: 'x.repost', name: 'Repost it', params: { accountId, postId: '{{ nodes.top.body.postId }}' } },
        ],
        edges: [
          { from: 'trigger', to: 'top' },
          { from: 'top', to: 'found' },
          { from: 'found', to: 'repost', label: 'true' },
        ],
        settings: { timezone },
      },
      [['top'], ['found'], ['repost']],
    ),
};
