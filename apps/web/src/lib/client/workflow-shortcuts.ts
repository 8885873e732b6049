/** What a key press asks the workflow editor to do. */
export type EditorCommand = 'save' | 'undo' | 'redo' | 'copy' | 'paste' | 'selectAll';

/**
 * The editor command of a key press, as in any desktop editor (Ctrl or ⌘): S saves even
 * while typing; the others are left to the field being typed in (its own undo, copy, select
 * all), and act on the canvas otherwise. Delete and Backspace are the canvas's own.
 *
 * @example
 * editorCommand({ key: 'z', ctrlKey: true, shiftKey: true, target: document.body }); // 'redo'
 */
export function editorCommand(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'target'>): EditorCommand | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === 's') return 'save';
  if (isTyping(event.target)) return null;
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y') return 'redo';
  if (key === 'c') return 'copy';
  if (key === 'v') return 'paste';
  if (key === 'a') return 'selectAll';
  return null;
}

function isTyping(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
