import { autoPlugPopularPosts, autoReplyToKeywordMentions, repostTopPostOfTheWeek } from './engagement-templates';
import { dailyPostFromList, evergreenRecycling, weeklyThread } from './posting-templates';
import type { WorkflowTemplate } from './workflow-template';

export type { TemplateContext, WorkflowTemplate } from './workflow-template';

/**
 * The template library, in the order the gallery shows it.
 *
 * @example
 * const definition = WORKFLOW_TEMPLATES.find((t) => t.id === 'weekly-thread')!.build({ accountId, timezone: 'Europe/Berlin' });
 */
export const WORKFLOW_TEMPLATES: WorkflowTemplate[] = [
  dailyPostFromList,
  autoReplyToKeywordMentions,
  weeklyThread,
  autoPlugPopularPosts,
  evergreenRecycling,
  repostTopPostOfTheWeek,
];
