/**
 * The fields a request asked for, from `tweet.fields` / `post.fields` / `user.fields`
 * (comma-joined, as twitter-api-v2 sends arrays).
 *
 * @example
 * requestedFields(url, 'tweet.fields', 'post.fields'); // Set { 'public_metrics', 'created_at' }
 */
export function requestedFields(url: URL, ...names: string[]): Set<string> {
  const fields = new Set<string>();
  for (const name of names) {
    for (const value of url.searchParams.getAll(name)) {
      for (const field of value.split(',')) if (field.trim()) fields.add(field.trim());
    }
  }
  return fields;
}
