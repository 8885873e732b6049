import type { LibraryItemKind } from '#lib/client/publishing-types.ts';

/** How each kind of library item is named and edited. */
export const LIBRARY_KINDS: { kind: LibraryItemKind; title: string; singular: string; description: string; icon: string }[] = [
  { kind: 'template', title: 'Templates', singular: 'template', description: 'Whole threads to start from: each post of the thread is one part.', icon: '❏' },
  { kind: 'snippet', title: 'Snippets', singular: 'snippet', description: 'Pieces of text you insert at the cursor: a sign-off, a call to action, a link.', icon: '✂' },
  { kind: 'hashtag_group', title: 'Hashtag groups', singular: 'hashtag group', description: 'Sets of hashtags added to the end of a post in one go.', icon: '#' },
];

/**
 * The hashtags typed into a field, each with its `#`, in order and without duplicates.
 *
 * @example
 * parseHashtags('launch, #BuildInPublic  ship'); // ['#launch', '#BuildInPublic', '#ship']
 */
export function parseHashtags(input: string): string[] {
  const tags = input
    .split(/[\s,]+/)
    .map((tag) => tag.replace(/^#+/, ''))
    .filter((tag) => /^[\p{L}\p{N}_]+$/u.test(tag))
    .map((tag) => `#${tag}`);
  const seen = new Set<string>();
  return tags.filter((tag) => !seen.has(tag.toLowerCase()) && seen.add(tag.toLowerCase()));
}
