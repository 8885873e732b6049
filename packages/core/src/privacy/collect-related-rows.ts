import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@tweetflow/db';
import type { Catalog, ForeignKey } from './catalog';

export type Row = Record<string, unknown>;
/** Rows per table, in the order the walk reached the tables. */
export type RelatedRows = Map<string, Row[]>;

/** Bound parameters per query stay far below Postgres's 65,535. */
const CHUNK = 1_000;

/**
 * Every row that belongs to a root row (a user or a workspace), found by walking foreign
 * keys from the catalog: rows that cascade from it (owned: they cannot exist without it),
 * and from the root itself also rows that merely point at it (`on delete set null`: a
 * post a person wrote in someone else's workspace) together with what cascades from
 * those. Other people's rows that only mention an account or a post are left alone.
 *
 * @example
 * const rows = await collectRelatedRows(db, await loadCatalog(db), { table: 'users', id: userId });
 * rows.get('posts'); // every post the person's workspace holds or the person wrote
 */
export async function collectRelatedRows(
  db: Executor,
  catalog: Catalog,
  root: { table: string; id: string },
  options: {
    /** Also rows that only point at the root (set null); erasure leaves those in place. */
    mentions?: boolean;
    onTable?: (table: string) => Promise<void> | void;
  } = {},
): Promise<RelatedRows> {
  const { mentions = true, onTable = () => {} } = options;
  const collected: RelatedRows = new Map();
  const seen = new Map<string, Set<string>>();
  const rootRows = await selectWhereIn(db, root.table, 'id', [root.id]);
  remember(collected, seen, catalog, root.table, rootRows);
  const pending: Array<{ table: string; rows: Row[] }> = [{ table: root.table, rows: rootRows }];

  while (pending.length > 0) {
    const { table, rows } = pending.shift()!;
    await onTable(table);
    const edges = catalog.foreignKeys.filter((fk) => fk.refTable === table && follows(fk, mentions && table === root.table));
    for (const edge of edges) {
      const values = [...new Set(rows.map((row) => row[edge.refColumn]).filter((value) => value !== null && value !== undefined))];
      if (values.length === 0) continue;
      const found = await selectWhereIn(db, edge.table, edge.column, values);
      const fresh = remember(collected, seen, catalog, edge.table, found);
      if (fresh.length > 0) pending.push({ table: edge.table, rows: fresh });
    }
  }
  return collected;
}

/** Ownership (cascade) is followed everywhere; a mere mention (set null) only from the root. */
function follows(edge: ForeignKey, fromRoot: boolean): boolean {
  return edge.onDelete === 'cascade' || (fromRoot && edge.onDelete === 'set null');
}

function remember(collected: RelatedRows, seen: Map<string, Set<string>>, catalog: Catalog, table: string, rows: Row[]): Row[] {
  const keyColumns = catalog.tables.get(table)?.primaryKey ?? [];
  const keys = seen.get(table) ?? new Set<string>();
  seen.set(table, keys);
  const fresh = rows.filter((row) => {
    const key = JSON.stringify(keyColumns.length > 0 ? keyColumns.map((column) => row[column]) : row);
    if (keys.has(key)) return false;
    keys.add(key);
    return true;
  });
  if (fresh.length > 0) collected.set(table, [...(collected.get(table) ?? []), ...fresh]);
  return fresh;
}

/** Rows of `table` whose `column` is one of `values`, fetched in chunks. */
export async function selectWhereIn(db: Executor, table: string, column: string, values: unknown[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (let start = 0; start < values.length; start += CHUNK) {
    const list: SQL = sql.join(
      values.slice(start, start + CHUNK).map((value) => sql`${value}`),
      sql`, `,
    );
    const found = (await db.execute(sql`select * from ${sql.identifier(table)} where ${sql.identifier(column)} in (${list})`)) as unknown as Row[];
    rows.push(...found);
  }
  return rows;
}
