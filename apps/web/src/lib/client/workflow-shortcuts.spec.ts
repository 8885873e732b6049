import { describe, expect, it } from 'vitest';
import { editorCommand } from './workflow-shortcuts.ts';

const press = (key: string, options: { ctrlKey?: boolean; metaKey?: boolean; shiftKey?: boolean } = {}) =>
  editorCommand({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, target: null, ...options });

describe('editor shortcuts', () => {
  it('maps Ctrl and ⌘ combinations to commands', () => {
    expect(press('s', { ctrlKey: true })).toBe('save');
    expect(press('z', { metaKey: true })).toBe('undo');
    expect(press('Z', { ctrlKey: true, shiftKey: true })).toBe('redo');
    expect(press('y', { ctrlKey: true })).toBe('redo');
    expect(press('c', { ctrlKey: true })).toBe('copy');
    expect(press('v', { ctrlKey: true })).toBe('paste');
    expect(press('a', { ctrlKey: true })).toBe('selectAll');
  });

  it('ignores plain keys', () => {
    expect(press('s')).toBeNull();
    expect(press('Delete')).toBeNull();
  });
});
