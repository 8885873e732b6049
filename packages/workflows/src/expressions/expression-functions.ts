import type jsonata from 'jsonata';
import { formatDate } from './format-date';
import { hashtags, truncateForX } from './text-functions';

/** The functions TweetFlow adds to JSONata's own, with their signatures, for autocomplete docs. */
export const EXPRESSION_FUNCTIONS = {
  truncateForX: {
    signature: '$truncateForX(text, [limit=280])',
    description: 'Shortens text to fit a post as X counts it (links 23, emoji 2), ending with "…".',
  },
  hashtags: {
    signature: '$hashtags(listOrText)',
    description: 'Turns a list or a comma/space separated text into "#tag #tag", dropping repeats and characters X does not allow.',
  },
  formatDate: {
    signature: "$formatDate(isoOrMillis, [pattern='YYYY-MM-DD HH:mm'], [timezone])",
    description: "Formats an instant in a time zone (default: the workflow's), e.g. 'dddd D MMMM, HH:mm'; text in [brackets] is kept.",
  },
} as const;

/**
 * Adds TweetFlow's functions to a compiled expression. Like JSONata's own functions, each
 * returns nothing when its main argument is missing, so `$truncateForX(trigger.absent)`
 * is empty rather than an error.
 *
 * @example
 * registerExpressionFunctions(jsonata('$hashtags(vars.tags)'), { timezone: 'Europe/Berlin' });
 */
export function registerExpressionFunctions(expression: jsonata.Expression, defaults: { timezone: string }): void {
  expression.registerFunction(
    'truncateForX',
    (text: string | undefined, limit?: number) => (text === undefined ? undefined : truncateForX(text, limit)),
    '<sn?:s>',
  );
  expression.registerFunction('hashtags', (input: string | string[] | undefined) => (input === undefined ? undefined : hashtags(input)), '<(sa):s>');
  expression.registerFunction(
    'formatDate',
    (instant: string | number | undefined, pattern?: string, timezone?: string) =>
      instant === undefined ? undefined : formatDate(instant, pattern ?? 'YYYY-MM-DD HH:mm', timezone ?? defaults.timezone),
    '<(sn)s?s?:s>',
  );
}
