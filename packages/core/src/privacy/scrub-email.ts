import { sql } from 'drizzle-orm';
import { auditEntries, type Executor } from '@tweetflow/db';
import type { Catalog } from './catalog';

/** Text columns that hold email addresses, by name: a post that merely quotes one stays. */
const ADDRESS_COLUMN = /(email|^to$|^cc$|^bcc$|recipient)/i;

/**
 * Removes an erased person's email address wherever it is still stored as text: pending
 * invitations to it go, address lists (an email's recipients) lose it, other address
 * columns are cleared, and audit entries drop it from their details. Found from the catalog, so a
 * column added later is covered too.
 *
 * @example
 * await forgetEmailAddress(db, catalog, 'ada@example.com');
 */
export async function forgetEmailAddress(db: Executor, catalog: Catalog, email: string): Promise<void> {
  const address = email.toLowerCase();
  for (const table of catalog.tables.values()) {
    for (const column of table.columns) {
      const target = sql.identifier(table.name);
      const name = sql.identifier(column.name);
      if (column.type === '_text') {
        await db.execute(sql`update ${target} set ${name} = array(select x from unnest(${name}) x where lower(x) <> ${address}) where ${address} = any(array(select lower(x) from unnest(${name}) x))`);
      } else if (column.type === 'text' && ADDRESS_COLUMN.test(column.name) && !table.primaryKey.includes(column.name)) {
        const match = sql`lower(${name}) = ${address}`;
        await db.execute(column.nullable ? sql`update ${target} set ${name} = null where ${match}` : sql`delete from ${target} where ${match}`);
      }
    }
  }
  await db
    .update(auditEntries)
    .set({ details: sql`${auditEntries.details} - 'email'` })
    .where(sql`lower(${auditEntries.details} ->> 'email') = ${address}`);
}
