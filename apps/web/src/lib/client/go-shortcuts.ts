/** Two-key "go to" shortcuts, as in GitHub and Gmail: `g` then a letter. */
export const GO_SHORTCUTS: Record<string, string> = {
  o: '/app',
  a: '/app/accounts',
  m: '/app/settings/members',
  t: '/app/settings/tokens',
  p: '/app/settings/profile',
};

const SEQUENCE_WINDOW_MS = 1_000;

/**
 * A keydown handler that calls `go` with the destination of a `g`-sequence. Keys typed
 * into fields, or with modifiers held, are left alone so typing "g" never navigates.
 */
export function goShortcutHandler(go: (path: string) => void): (event: KeyboardEvent) => void {
  let pressedGAt = 0;
  return (event) => {
    if (event.metaKey || event.ctrlKey || event.altKey || isTypingTarget(event.target)) return;
    const key = event.key.toLowerCase();
    if (key === 'g') {
      pressedGAt = event.timeStamp;
      return;
    }
    const destination = GO_SHORTCUTS[key];
    if (destination && event.timeStamp - pressedGAt < SEQUENCE_WINDOW_MS) {
      event.preventDefault();
      go(destination);
    }
    pressedGAt = 0;
  };
}

function isTypingTarget(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}
