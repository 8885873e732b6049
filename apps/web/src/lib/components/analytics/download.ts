/**
 * Saves text as a file in the browser (the CSV export).
 *
 * @example
 * downloadText('posts.csv', csv, 'text/csv');
 */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The click has queued the download; the object URL can go once it is read.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
