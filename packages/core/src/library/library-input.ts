import { MAX_THREAD_ITEMS, postTextProblem } from '@tweetflow/x/rules';
import { z } from 'zod';

/** A hashtag group larger than this is spam to X's eyes and to readers. */
export const MAX_HASHTAGS_PER_GROUP = 30;

const nameSchema = z
  .string()
  .trim()
  .min(1, { error: 'Give it a name.' })
  .max(80, { error: 'A name can be up to 80 characters.' });

const postableText = z.string().superRefine((text, context) => {
  const problem = postTextProblem(text);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

const templateSchema = z.object({
  kind: z.literal('template'),
  name: nameSchema,
  /** The thread's texts, in order. */
  items: z
    .array(postableText)
    .min(1, { error: 'A template needs at least one post.' })
    .max(MAX_THREAD_ITEMS, { error: `A template can hold a thread of up to ${MAX_THREAD_ITEMS} posts.` }),
});

const snippetSchema = z.object({
  kind: z.literal('snippet'),
  name: nameSchema,
  items: z.tuple([postableText], { error: 'A snippet is one piece of text.' }),
});

const hashtagGroupSchema = z.object({
  kind: z.literal('hashtag_group'),
  name: nameSchema,
  /** Hashtags with or without "#"; an entry may hold several separated by spaces or commas. */
  items: z.array(z.string()).transform((entries, context) => {
    const hashtags = normalizeHashtags(entries);
    for (const problem of hashtags.problems) context.addIssue({ code: 'custom', message: problem });
    if (hashtags.tags.length === 0 && hashtags.problems.length === 0) context.addIssue({ code: 'custom', message: 'Add at least one hashtag.' });
    if (hashtags.tags.length > MAX_HASHTAGS_PER_GROUP) {
      context.addIssue({ code: 'custom', message: `A group can hold up to ${MAX_HASHTAGS_PER_GROUP} hashtags.` });
    }
    return hashtags.tags;
  }),
});

/** What a person saves to the library: a template, a snippet or a hashtag group. */
export const libraryItemInputSchema = z.discriminatedUnion('kind', [templateSchema, snippetSchema, hashtagGroupSchema], {
  error: 'must be a template, a snippet or a hashtag_group',
});

export type LibraryItemInput = z.output<typeof libraryItemInputSchema>;
export type LibraryItemKind = LibraryItemInput['kind'];

/**
 * Hashtags as X reads them: "#" then letters, digits or underscores, not only digits.
 * Duplicates (ignoring case) are dropped, keeping the first spelling.
 *
 * @example
 * normalizeHashtags(['buildinpublic', '#Indie #indie, #ts']); // { tags: ['#buildinpublic', '#Indie', '#ts'], problems: [] }
 */
export function normalizeHashtags(entries: readonly string[]): { tags: string[]; problems: string[] } {
  const tags: string[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const word of entries.flatMap((entry) => entry.split(/[\s,]+/)).filter(Boolean)) {
    const body = word.replace(/^[#＃]+/, '');
    if (!/^[\p{L}\p{M}\p{N}_]+$/u.test(body) || /^\p{N}+$/u.test(body)) {
      problems.push(`"${word}" is not a hashtag X recognises: use letters, digits or _ after the #, and not only digits.`);
      continue;
    }
    const key = body.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    tags.push(`#${body}`);
  }
  return { tags, problems };
}
