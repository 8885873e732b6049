import { CsvError, parse } from 'csv-parse/sync';

/** A bulk import takes at most this many posts, so one review screen can show them all. */
export const MAX_CSV_ROWS = 500;

/** The columns an import reads; the header row names them, in any order. */
export const CSV_COLUMNS = ['text', 'time', 'account', 'timezone', 'media_url'] as const;
const REQUIRED_COLUMNS = ['text', 'time', 'account'] as const;

type CsvColumn = (typeof CSV_COLUMNS)[number];

type ParsedRecord = { record: string[]; raw: string; info: { lines: number } };

/** One data row of the file: where it starts, and its cells by column (empty when absent). */
export type CsvRow = { line: number; cells: Record<CsvColumn, string> };

/** The file's rows, or the reasons it cannot be read as a whole. */
export type CsvRows = { rows: CsvRow[]; problems: string[] };

/**
 * Reads an import file: a header row naming the columns (any order, any case, spaces or
 * underscores), then one post per row. Blank rows are skipped; each row keeps the line it
 * starts on, so a report can point at it in a text editor.
 *
 * @example
 * readCsvRows('text,time,account\nHello,2026-12-01 09:00,@ada\n');
 * // { rows: [{ line: 2, cells: { text: 'Hello', time: '2026-12-01 09:00', account: '@ada', timezone: '', media_url: '' } }], problems: [] }
 */
export function readCsvRows(csv: string): CsvRows {
  // One line ending for all: spreadsheets on Windows write CRLF, and the line count below relies on \n.
  const text = csv.replace(/\r\n?/g, '\n');
  let records: ParsedRecord[];
  try {
    // csv-parse's types leave out the shape `info` and `raw` give each record.
    records = parse(text, { bom: true, info: true, raw: true, skip_empty_lines: true, relax_column_count: true }) as unknown as ParsedRecord[];
  } catch (error) {
    if (error instanceof CsvError) return { rows: [], problems: [`The file is not valid CSV: ${error.message}.`] };
    throw error;
  }
  const [header, ...data] = records;
  if (!header) return { rows: [], problems: ['The file is empty; it needs a header row (text, time, account) and one row per post.'] };

  const columns = header.record.map((name) => name.trim().toLowerCase().replace(/[\s-]+/g, '_'));
  const problems = headerProblems(columns, header.record);
  if (problems.length > 0) return { rows: [], problems };

  const rows = data
    .filter(({ record }) => record.some((cell) => cell.trim() !== ''))
    .map(({ record, raw, info }) => ({ line: startLine(raw, info.lines), cells: cellsOf(columns, record) }));
  if (rows.length === 0) return { rows, problems: ['The file has no posts below its header row.'] };
  if (rows.length > MAX_CSV_ROWS) {
    return { rows: [], problems: [`The file has ${rows.length} posts; import up to ${MAX_CSV_ROWS} at a time by splitting it.`] };
  }
  return { rows, problems: [] };
}

function headerProblems(columns: string[], written: string[]): string[] {
  const problems: string[] = [];
  const missing = REQUIRED_COLUMNS.filter((column) => !columns.includes(column));
  if (missing.length > 0) {
    problems.push(
      `The header row needs the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; it has ${written.map((name) => name.trim()).filter(Boolean).join(', ') || 'none'}. The first row must name the columns.`,
    );
  }
  const repeated = CSV_COLUMNS.filter((column) => columns.filter((name) => name === column).length > 1);
  for (const column of repeated) problems.push(`The header row names the column ${column} more than once.`);
  return problems;
}

function cellsOf(columns: string[], record: string[]): Record<CsvColumn, string> {
  const cell = (column: CsvColumn) => {
    const index = columns.indexOf(column);
    return index === -1 ? '' : (record[index] ?? '');
  };
  return { text: cell('text').trim(), time: cell('time').trim(), account: cell('account').trim(), timezone: cell('timezone').trim(), media_url: cell('media_url').trim() };
}

/**
 * csv-parse reports the line a record ends on; its raw text (led by any blank lines it
 * skipped, ended by the line break) says how many lines the record spans.
 */
function startLine(raw: string, endLine: number): number {
  const spanned = raw.replace(/^\n+/, '').replace(/\n$/, '').split('\n').length - 1;
  return endLine - spanned;
}
