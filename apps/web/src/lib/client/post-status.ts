/** The states a post goes through, as the API names them. */
export type PostStatus = 'draft' | 'scheduled' | 'publishing' | 'published' | 'failed' | 'outcome_unknown';

export const POST_STATUSES: readonly PostStatus[] = ['draft', 'scheduled', 'publishing', 'published', 'failed', 'outcome_unknown'];

/** Words and colours for each status, shared by the calendar, queue and composer. */
export const POST_STATUS_STYLE: Record<PostStatus, { label: string; badge: string; dot: string; hint: string }> = {
  draft: {
    label: 'Draft',
    badge: 'bg-slate-100 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600',
    dot: 'bg-slate-400',
    hint: 'Not scheduled yet',
  },
  scheduled: {
    label: 'Scheduled',
    badge: 'bg-sky-50 text-sky-800 ring-sky-200 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-800',
    dot: 'bg-sky-500',
    hint: 'Will be published at its time',
  },
  publishing: {
    label: 'Publishing',
    badge: 'bg-violet-50 text-violet-800 ring-violet-200 dark:bg-violet-950 dark:text-violet-200 dark:ring-violet-800',
    dot: 'bg-violet-500 animate-pulse',
    hint: 'Being sent to X now',
  },
  published: {
    label: 'Published',
    badge: 'bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800',
    dot: 'bg-emerald-500',
    hint: 'Live on X',
  },
  failed: {
    label: 'Failed',
    badge: 'bg-red-50 text-red-800 ring-red-200 dark:bg-red-950 dark:text-red-200 dark:ring-red-800',
    dot: 'bg-red-500',
    hint: 'X did not accept it; see why and retry',
  },
  outcome_unknown: {
    label: 'Outcome unknown',
    badge: 'bg-amber-50 text-amber-900 ring-amber-200 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800',
    dot: 'bg-amber-500',
    hint: 'X did not answer; TweetFlow is checking the timeline before trying again',
  },
};

/** Whether a post can still be changed in the composer (published and in-flight posts cannot). */
export function isEditable(status: PostStatus): boolean {
  return status === 'draft' || status === 'scheduled' || status === 'failed';
}
