/**
 * Shortcuts for the publishing pages: `n` starts a new post, and `g` then a letter goes to
 * the calendar, queue or library (the same two-key style as the app's other "go to" keys).
 */
export const PUBLISHING_GO_SHORTCUTS: Record<string, string> = {
  c: '/app/calendar',
  q: '/app/queue',
  l: '/app/library',
};

export const NEW_POST_PATH = '/app/compose';

const SEQUENCE_WINDOW_MS = 1_000;

/** A keydown handler calling `go` with where a publishing shortcut leads. Typing in fields never triggers it. */
export function publishingShortcutHandler(go: (path: string) => void): (event: KeyboardEvent) => void {
  let pressedGAt = 0;
  return (event) => {
    if (event.metaKey || event.ctrlKey || event.altKey || event.defaultPrevented || isTypingTarget(event.target)) return;
    const key = event.key.toLowerCase();
    if (key === 'g') {
      pressedGAt = event.timeStamp;
      return;
    }
    const afterG = event.timeStamp - pressedGAt < SEQUENCE_WINDOW_MS;
    pressedGAt = 0;
    const destination = afterG ? PUBLISHING_GO_SHORTCUTS[key] : key === 'n' && !event.shiftKey ? NEW_POST_PATH : undefined;
    if (destination) {
      event.preventDefault();
      go(destination);
    }
  };
}

function isTypingTarget(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}
