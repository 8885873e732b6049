import twitterText from 'twitter-text';
import type { SandboxPost } from './state/types';
import type { SandboxStore } from './state/store';

type Term =
  | { kind: 'word' | 'phrase' | 'hashtag' | 'mention' | 'from'; value: string; negated: boolean };

/** A compiled search query: true for posts that match it. */
export type PostMatcher = (post: SandboxPost) => boolean;

/**
 * Compiles the part of X's search language TweetFlow uses: words, "exact phrases",
 * `from:user`, `@user`, `#tag`, `-negation`, and `OR` between groups of terms (terms in
 * a group must all match). Matching ignores case, as X does.
 *
 * @example
 * const matches = compileSearchQuery('from:alice "launch day" -#draft', store);
 * matches(post); // true or false
 */
export function compileSearchQuery(query: string, store: SandboxStore): PostMatcher {
  const alternatives = query.split(/\s+OR\s+/).map((group) => parseTerms(group));
  return (post) => alternatives.some((terms) => terms.every((term) => termMatches(term, post, store) !== term.negated));
}

function parseTerms(group: string): Term[] {
  const terms: Term[] = [];
  for (const match of group.matchAll(/(-?)"([^"]*)"|(-?)(\S+)/g)) {
    if (match[2] !== undefined) {
      terms.push({ kind: 'phrase', value: match[2].toLowerCase(), negated: match[1] === '-' });
      continue;
    }
    const negated = match[3] === '-';
    const token = (match[4] ?? '').toLowerCase();
    if (token.startsWith('from:')) terms.push({ kind: 'from', value: token.slice(5).replace(/^@/, ''), negated });
    else if (token.startsWith('@')) terms.push({ kind: 'mention', value: token.slice(1), negated });
    else if (token.startsWith('#')) terms.push({ kind: 'hashtag', value: token.slice(1), negated });
    else terms.push({ kind: 'word', value: token, negated });
  }
  return terms;
}

function termMatches(term: Term, post: SandboxPost, store: SandboxStore): boolean {
  const text = post.text.toLowerCase();
  switch (term.kind) {
    case 'phrase':
      return text.includes(term.value);
    case 'word':
      return words(text).includes(term.value);
    case 'hashtag':
      return twitterText.extractHashtags(post.text).some((tag) => tag.toLowerCase() === term.value);
    case 'mention': {
      const mentioned = store.userByUsername(term.value);
      return (mentioned !== undefined && post.mentionedUserIds.includes(mentioned.id)) ||
        twitterText.extractMentions(post.text).some((name) => name.toLowerCase() === term.value);
    }
    case 'from':
      return store.users.get(post.authorId)?.username.toLowerCase() === term.value;
  }
}

function words(text: string): string[] {
  return text.split(/[^\p{L}\p{N}_']+/u).filter(Boolean);
}
