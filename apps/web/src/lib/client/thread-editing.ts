/**
 * Pure edits on a thread being composed, kept apart from the components so they can be
 * tested on their own: moving items, inserting library content, reading the server's
 * validation issues back onto the item they concern.
 */

/**
 * The list with the element at `from` moved to `to` (both clamped), as a new array.
 *
 * @example
 * moveItem(['a', 'b', 'c'], 0, 2); // ['b', 'c', 'a']
 */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const result = [...list];
  if (from < 0 || from >= result.length) return result;
  const target = Math.max(0, Math.min(result.length - 1, to));
  const [moved] = result.splice(from, 1);
  result.splice(target, 0, moved!);
  return result;
}

/**
 * Text with `insert` put in place of the selection, and where the cursor goes after it.
 * A space is added where the insert would otherwise run into a word.
 *
 * @example
 * insertAtSelection('Hello world', 6, 6, 'big'); // { text: 'Hello big world', cursor: 10 }
 */
export function insertAtSelection(text: string, start: number, end: number, insert: string): { text: string; cursor: number } {
  const before = text.slice(0, start);
  const after = text.slice(end);
  const leading = before.length > 0 && !/\s$/.test(before) && !/^\s/.test(insert) ? ' ' : '';
  const trailing = after.length > 0 && !/^\s/.test(after) && !/\s$/.test(insert) ? ' ' : '';
  const inserted = `${leading}${insert}${trailing}`;
  return { text: before + inserted + after, cursor: before.length + leading.length + insert.length + trailing.length };
}

/**
 * Hashtags of a group appended to a text on a line of their own, skipping ones already in
 * it, each with its `#`.
 *
 * @example
 * appendHashtags('Shipping today', ['launch', '#buildinpublic']); // 'Shipping today\n\n#launch #buildinpublic'
 */
export function appendHashtags(text: string, hashtags: readonly string[]): string {
  const present = new Set((text.match(/#[\p{L}\p{N}_]+/gu) ?? []).map((tag) => tag.toLowerCase()));
  const missing = hashtags
    .map((tag) => tag.trim())
    .filter(Boolean)
    .map((tag) => (tag.startsWith('#') ? tag : `#${tag}`))
    .filter((tag) => !present.has(tag.toLowerCase()));
  if (missing.length === 0) return text;
  const trimmed = text.replace(/\s+$/, '');
  return `${trimmed}${trimmed ? '\n\n' : ''}${missing.join(' ')}`;
}

const FIELD_LABELS: Record<string, string> = { text: '', mediaIds: 'Media: ', media: 'Media: ' };

/** Validation problems the API reported, sorted by the thread item they concern. */
export type ItemIssues = { general: string[]; byItem: Map<number, string[]> };

/**
 * Splits the API's readable issues ("content.items.1.text: The post is empty.") into the
 * ones for each item (by index) and the rest.
 *
 * @example
 * issuesByItem(['content.items.1.text: The post is empty.']).byItem.get(1); // ['The post is empty.']
 */
export function issuesByItem(issues: readonly string[]): ItemIssues {
  const result: ItemIssues = { general: [], byItem: new Map() };
  for (const issue of issues) {
    const match = /^content\.items\.(\d+)(?:\.([\w.]+))?: (.*)$/s.exec(issue);
    if (!match) {
      result.general.push(labelGeneralIssue(issue));
      continue;
    }
    const index = Number(match[1]);
    const field = FIELD_LABELS[match[2]?.split('.')[0] ?? 'text'] ?? '';
    result.byItem.set(index, [...(result.byItem.get(index) ?? []), `${field}${match[3]}`]);
  }
  return result;
}

const GENERAL_LABELS: [prefix: string, label: string][] = [
  ['content.accountId', 'Account'],
  ['content.items', 'Thread'],
  ['content.replyToXPostId', 'Reply to'],
  ['content.quoteXPostId', 'Quote'],
  ['timing.localDateTime', 'Time'],
  ['timing.timezone', 'Time zone'],
  ['timing', 'Time'],
  ['rule', 'Repeat'],
];

/** "content.accountId: choose an X account" → "Account: choose an X account". */
function labelGeneralIssue(issue: string): string {
  const separator = issue.indexOf(': ');
  if (separator < 0) return issue;
  const path = issue.slice(0, separator);
  const label = GENERAL_LABELS.find(([prefix]) => path === prefix || path.startsWith(`${prefix}.`))?.[1];
  return label ? `${label}: ${issue.slice(separator + 2)}` : issue;
}
