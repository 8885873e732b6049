import type { Catalog } from './catalog';
import type { RelatedRows, Row } from './collect-related-rows';
import { isExportedTable, isSecretColumn, withoutSecretKeys } from './secret-columns';

export type ExportFile = { name: string; table: string; rows: Row[] };

/**
 * The JSON files of an export, one per table, with secret columns removed and
 * credential-looking keys stripped from JSON values. Column names are the database's own,
 * so the files match the schema the README points to.
 *
 * @example
 * const files = exportFiles(catalog, rows); // [{ name: 'data/posts.json', table: 'posts', rows: […] }, …]
 */
export function exportFiles(catalog: Catalog, related: RelatedRows): ExportFile[] {
  const files: ExportFile[] = [];
  for (const [table, rows] of related) {
    if (!isExportedTable(table)) continue;
    const columns = (catalog.tables.get(table)?.columns ?? []).map((column) => column.name).filter((column) => !isSecretColumn(table, column));
    files.push({
      name: `data/${table}.json`,
      table,
      rows: rows.map((row) => Object.fromEntries(columns.map((column) => [column, withoutSecretKeys(row[column])]))),
    });
  }
  return files.sort((a, b) => a.name.localeCompare(b.name));
}

/** A file name safe inside a zip on every system: no folders, no odd characters. */
export function safeFileName(name: string): string {
  return name.replace(/[^\w.-]+/g, '_').replace(/^\.+/, '').slice(0, 120) || 'file';
}
