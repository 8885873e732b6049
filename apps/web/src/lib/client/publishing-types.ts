import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@tweetflow/api';

type Outputs = inferRouterOutputs<AppRouter>;
type Inputs = inferRouterInputs<AppRouter>;

/** What the publishing API returns, named the way the composer, calendar and queue talk about it. */
export type PostView = Outputs['posts']['get'];
export type PostListItem = Outputs['posts']['list']['posts'][number];
/** A calendar page as the API sends it: times as epoch milliseconds, accounts once. */
export type CalendarPage = Outputs['posts']['calendar'];
type CalendarEntry = CalendarPage['posts'][number];
/** A post as the calendar works with it (`calendarPostsOf`): time, status, account, first text and thread length. */
export type CalendarPost = Omit<CalendarEntry, 'scheduledAt' | 'publishedAt' | 'accountId'> & {
  scheduledAt: Date | null;
  publishedAt: Date | null;
  account: CalendarPage['accounts'][number] | null;
};
export type PostMedia = PostView['items'][number]['media'][number];
export type PostAttempt = PostView['attempts'][number];
export type PostContentInput = Inputs['posts']['create']['content'];
export type PublishTimingInput = Inputs['posts']['create']['timing'];
export type RecurrenceRuleInput = Inputs['recurring']['create']['rule'];
export type LocalTimeResolution = Outputs['scheduling']['resolveLocalTime'];
export type QuotaForecast = Outputs['scheduling']['forecast'];
export type QueueSchedule = Outputs['queue']['slots'];
export type QueueSlot = QueueSchedule['slots'][number];
export type QueuedPost = Outputs['queue']['upcoming']['posts'][number];
export type LibraryItem = Outputs['library']['list'][number];
export type LibraryItemKind = LibraryItem['kind'];
export type NotificationView = Outputs['notifications']['list'][number];
/** One live event of a workspace stream (the subscription yields them one by one). */
export type WorkspaceEvent = Outputs['events']['workspace'] extends AsyncIterable<infer Event> ? Event : never;
