import { laidOut, type WorkflowTemplate } from './workflow-template';

/**
 * Posts one text from a list every morning at 09:00 in the account's zone, taking the list
 * in turn (round robin) so every text gets its day before any repeats.
 */
export const dailyPostFromList: WorkflowTemplate = {
  id: 'daily-post-from-list',
  name: 'Daily post from a list',
  description: 'Every day at 09:00, posts the next text from your list, in turn. Edit the list in the "Pick" node.',
  build: ({ accountId, timezone = 'UTC' }) =>
    laidOut(
      {
        trigger: { type: 'schedule', params: { mode: 'cron', cron: '0 9 * * *', timezone } },
        nodes: [
          {
            id: 'pick',
            type: 'pick',
            name: 'Next text',
            params: {
              strategy: 'round_robin',
              items: [
                'Good morning! What are you building today?',
                'Tip: schedule your posts when your audience is awake, not when you are.',
                'Reminder: done is better than perfect. Ship something small today.',
              ],
            },
          },
          { id: 'post', type: 'x.post', name: 'Post it', params: { accountId, text: '{{ nodes.pick.item }}' } },
        ],
        edges: [
          { from: 'trigger', to: 'pick' },
          { from: 'pick', to: 'post' },
        ],
        settings: { timezone },
      },
      [['pick'], ['post']],
    ),
};

/**
 * Every Friday at 15:00, a thread that recaps the week, with the date written in the
 * workflow's zone. The items are a starting point to edit each week or feed from a set node.
 */
export const weeklyThread: WorkflowTemplate = {
  id: 'weekly-thread',
  name: 'Weekly thread',
  description: 'Every Friday at 15:00, publishes a recap thread dated for the week. Edit the items in the "Thread" node.',
  build: ({ accountId, timezone = 'UTC' }) =>
    laidOut(
      {
        trigger: { type: 'schedule', params: { mode: 'cron', cron: '0 15 * * 5', timezone } },
        nodes: [
          {
            id: 'thread',
            type: 'x.thread',
            name: 'Weekly recap',
            params: {
              accountId,
              items: [
                "Our week, {{ $formatDate(trigger.firedAt, 'D MMMM') }} 🧵",
                '1/ What we shipped: …',
                '2/ What we learned: …',
                '3/ What is next week: … Follow along!',
              ],
            },
          },
        ],
        edges: [{ from: 'trigger', to: 'thread' }],
        settings: { timezone },
      },
      [['thread']],
    ),
};

/**
 * Evergreen recycling: on weekdays at 14:00, posts the text from the list that was posted
 * least recently, never one posted in the last 30 days.
 */
export const evergreenRecycling: WorkflowTemplate = {
  id: 'evergreen-recycling',
  name: 'Evergreen recycling',
  description: 'On weekdays at 14:00, reposts your best evergreen texts, least recently used first, none within 30 days of its last time.',
  build: ({ accountId, timezone = 'UTC' }) =>
    laidOut(
      {
        trigger: { type: 'schedule', params: { mode: 'cron', cron: '0 14 * * 1-5', timezone } },
        nodes: [
          {
            id: 'pick',
            type: 'pick',
            name: 'Least recently posted',
            params: {
              strategy: 'least_recently_used',
              cooldownDays: 30,
              items: [
                'Our most-read guide: how to write a thread people finish. https://example.com/threads',
                'New here? Start with the 5 posts that explain what we do: https://example.com/start',
                'The checklist we use before every launch: https://example.com/launch-checklist',
              ],
            },
          },
          { id: 'post', type: 'x.post', name: 'Post it', params: { accountId, text: '{{ nodes.pick.item }}' } },
        ],
        edges: [
          { from: 'trigger', to: 'pick' },
          { from: 'pick', to: 'post' },
        ],
        settings: { timezone },
      },
      [['pick'], ['post']],
    ),
};
