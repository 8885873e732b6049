const MAX_CELL = 60;

/**
 * Lays rows out as aligned columns under a header, cutting long cells with "…".
 *
 * @example
 * formatTable(['id', 'status'], [['0190…', 'scheduled']]);
 * // "id     status\n0190…  scheduled"
 */
export function formatTable(headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<string>>): string {
  const cells = [headers, ...rows].map((row) => row.map((cell) => shorten(cell.replace(/\s+/g, ' '))));
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => [...(row[column] ?? '')].length)));
  return cells
    .map((row) =>
      row
        .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]! + cell.length - [...cell].length)))
        .join('  '),
    )
    .join('\n');
}

function shorten(text: string): string {
  const characters = [...text];
  return characters.length > MAX_CELL ? `${characters.slice(0, MAX_CELL - 1).join('')}…` : text;
}
