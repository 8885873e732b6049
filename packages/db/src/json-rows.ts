import { sql, type SQL } from 'drizzle-orm';

/**
 * `limit <count>` for rows read out of a JSON parameter (`json_to_recordset`,
 * `json_array_elements`), which is how batches reach SQL here. PostgreSQL cannot see
 * inside the JSON and guesses 100 rows, and to join 100 rows to a table it reads the whole
 * table into a hash; told the count (or, in a cached generic plan, a limit it guesses at
 * 10 rows), it looks each row up by its index instead. Without it, recording one published
 * post read every row of posts, post_items and publish_attempts: 47 ms at 5,000 posts,
 * and growing with them.
 *
 * @example
 * sql`update ${posts} set … from (select * from json_to_recordset(${rows}::json) as done(id uuid) ${jsonRowCount(count)}) as done where …`
 */
export function jsonRowCount(count: number): SQL {
  return sql`limit ${count}::int`;
}
