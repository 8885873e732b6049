import { sql } from 'drizzle-orm';
import type { Executor } from '@tweetflow/db';

export type CatalogColumn = { name: string; type: string; nullable: boolean };
/** `table.column` references `refTable.refColumn`. */
export type ForeignKey = { table: string; column: string; refTable: string; refColumn: string; onDelete: 'cascade' | 'set null' | 'restrict' | 'no action' | 'set default' };
export type CatalogTable = { name: string; columns: CatalogColumn[]; primaryKey: string[] };
export type Catalog = { tables: Map<string, CatalogTable>; foreignKeys: ForeignKey[] };

const ON_DELETE: Record<string, ForeignKey['onDelete']> = { c: 'cascade', n: 'set null', r: 'restrict', a: 'no action', d: 'set default' };

/**
 * The app's tables, columns and single-column foreign keys, read from Postgres's own
 * catalog. Export and erasure walk this rather than a list kept by hand, so a table added
 * by a later migration is included the day it exists.
 *
 * @example
 * const catalog = await loadCatalog(db);
 * catalog.foreignKeys.filter((fk) => fk.refTable === 'users');
 */
export async function loadCatalog(db: Executor, schema = 'public'): Promise<Catalog> {
  const columns = (await db.execute(sql`
    select c.table_name as "table", c.column_name as "name", c.udt_name as "type", c.is_nullable = 'YES' as "nullable"
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = ${schema} and t.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position`)) as unknown as Array<CatalogColumn & { table: string }>;
  const primaryKeys = (await db.execute(sql`
    select cl.relname as "table", a.attname as "column"
    from pg_constraint con
    join pg_class cl on cl.oid = con.conrelid
    join pg_namespace ns on ns.oid = cl.relnamespace
    join lateral unnest(con.conkey) with ordinality as k(attnum, position) on true
    join pg_attribute a on a.attrelid = cl.oid and a.attnum = k.attnum
    where con.contype = 'p' and ns.nspname = ${schema}
    order by cl.relname, k.position`)) as unknown as Array<{ table: string; column: string }>;
  const foreignKeys = (await db.execute(sql`
    select cl.relname as "table", a.attname as "column", rcl.relname as "refTable", ra.attname as "refColumn", con.confdeltype as "onDelete"
    from pg_constraint con
    join pg_class cl on cl.oid = con.conrelid
    join pg_namespace ns on ns.oid = cl.relnamespace
    join pg_class rcl on rcl.oid = con.confrelid
    join pg_attribute a on a.attrelid = cl.oid and a.attnum = con.conkey[1]
    join pg_attribute ra on ra.attrelid = rcl.oid and ra.attnum = con.confkey[1]
    where con.contype = 'f' and ns.nspname = ${schema} and array_length(con.conkey, 1) = 1
    order by cl.relname, a.attname`)) as unknown as Array<Omit<ForeignKey, 'onDelete'> & { onDelete: string }>;

  const tables = new Map<string, CatalogTable>();
  for (const { table, ...column } of columns) {
    const entry = tables.get(table) ?? { name: table, columns: [], primaryKey: [] };
    entry.columns.push(column);
    tables.set(table, entry);
  }
  for (const { table, column } of primaryKeys) tables.get(table)?.primaryKey.push(column);
  return {
    tables,
    foreignKeys: foreignKeys.map((fk) => ({ ...fk, onDelete: ON_DELETE[fk.onDelete] ?? 'no action' })),
  };
}
