/** Copies text; false when the browser refuses (e.g. an insecure origin), so the caller can say so. */
export async function copyToClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
