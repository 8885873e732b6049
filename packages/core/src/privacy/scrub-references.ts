import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@tweetflow/db';
import type { Catalog } from './catalog';
import type { RelatedRows } from './collect-related-rows';

const CHUNK = 1_000;

/** The ids (uuid primary keys) of collected rows: what other places may still mention. */
export function idsOf(catalog: Catalog, related: RelatedRows): string[] {
  const ids = new Set<string>();
  for (const [table, rows] of related) {
    const columns = catalog.tables.get(table)?.columns ?? [];
    const uuidKeys = (catalog.tables.get(table)?.primaryKey ?? []).filter((key) => columns.find((c) => c.name === key)?.type === 'uuid');
    for (const row of rows) for (const key of uuidKeys) ids.add(String(row[key]));
  }
  return [...ids];
}

/**
 * Deletes queued, active and finished pg-boss jobs and schedules whose data (or output)
 * mentions any of `ids` anywhere in its JSON, except the job doing the erasing: a publish
 * job of a deleted post or a workflow schedule would otherwise outlive what it belongs to.
 *
 * @example
 * await deleteJobsMentioning(db, 'pgboss', ids, currentJobId);
 */
export async function deleteJobsMentioning(db: Executor, schema: string, ids: readonly string[], exceptJobId: string | null): Promise<number> {
  let removed = 0;
  for (const list of chunks(ids)) {
    const jobs = (await db.execute(sql`
      delete from ${sql.identifier(schema)}.job j
      where j.id is distinct from ${exceptJobId}::uuid
        and (${mentions(sql`j.data`, list)} or ${mentions(sql`j.output`, list)})
      returning j.id`)) as unknown as unknown[];
    const schedules = (await db.execute(sql`
      delete from ${sql.identifier(schema)}.schedule s where ${mentions(sql`s.data`, list)} returning s.name`)) as unknown as unknown[];
    removed += jobs.length + schedules.length;
  }
  return removed;
}

/**
 * Clears columns that hold one of `ids` without a foreign key to enforce it (a person's
 * remembered workspace, say): nullable ones become null, rows that cannot do without the
 * value go. Found from the catalog, so a column added later is covered too.
 *
 * @example
 * await clearDanglingReferences(db, catalog, ids);
 */
export async function clearDanglingReferences(db: Executor, catalog: Catalog, ids: readonly string[]): Promise<void> {
  const constrained = new Set(catalog.foreignKeys.map((fk) => `${fk.table}.${fk.column}`));
  for (const table of catalog.tables.values()) {
    const ownId = table.primaryKey.length === 1 ? table.primaryKey[0] : null;
    for (const column of table.columns) {
      if (column.type !== 'uuid' || column.name === ownId || constrained.has(`${table.name}.${column.name}`)) continue;
      for (const list of chunks(ids)) {
        const target = sql.identifier(table.name);
        const match = sql`${sql.identifier(column.name)} in (${list})`;
        await db.execute(column.nullable ? sql`update ${target} set ${sql.identifier(column.name)} = null where ${match}` : sql`delete from ${target} where ${match}`);
      }
    }
  }
}

/** True when the JSON document holds one of the ids as a string value, at any depth. */
function mentions(document: SQL, list: SQL): SQL {
  return sql`exists (select 1 from jsonb_path_query(coalesce(${document}, 'null'::jsonb), 'strict $.**') v where jsonb_typeof(v) = 'string' and v #>> '{}' in (${list}))`;
}

function* chunks(ids: readonly string[]): Generator<SQL> {
  for (let start = 0; start < ids.length; start += CHUNK) {
    yield sql.join(
      ids.slice(start, start + CHUNK).map((id) => sql`${id}`),
      sql`, `,
    );
  }
}
