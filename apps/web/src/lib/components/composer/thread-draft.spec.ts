import { describe, expect, it } from 'vitest';
import { ThreadDraft } from './thread-draft.svelte.ts';

const WORKSPACE = '0190a000-0000-7000-8000-000000000000';

describe('the thread being written', () => {
  it('adds, moves and removes posts, never leaving the thread without one', () => {
    const draft = new ThreadDraft(WORKSPACE);
    draft.items[0]!.text = 'one';
    draft.addItem(0, 'two');
    draft.addItem(1, 'three');
    draft.moveItem(2, 0);
    expect(draft.items.map((item) => item.text)).toEqual(['three', 'one', 'two']);
    draft.removeItem(0);
    draft.removeItem(0);
    draft.removeItem(0);
    expect(draft.items).toHaveLength(1);
    expect(draft.isBlank).toBe(true);
  });

  it('replaces a blank thread with a template even when asked to append', () => {
    const draft = new ThreadDraft(WORKSPACE);
    draft.applyTemplate(['a', 'b'], 'append');
    expect(draft.items.map((item) => item.text)).toEqual(['a', 'b']);
    draft.applyTemplate(['c'], 'append');
    expect(draft.items.map((item) => item.text)).toEqual(['a', 'b', 'c']);
    draft.applyTemplate(['d'], 'replace');
    expect(draft.items.map((item) => item.text)).toEqual(['d']);
  });

  it('refuses files X would not accept before uploading anything', () => {
    const draft = new ThreadDraft(WORKSPACE);
    const key = draft.items[0]!.key;
    draft.attachFiles(key, [new File(['x'], 'notes.txt', { type: 'text/plain' })]);
    expect(draft.attachProblems[key]).toContain('X does not accept text/plain');
    expect(draft.items[0]!.media).toHaveLength(0);
    const video = new File(['v'], 'clip.mp4', { type: 'video/mp4' });
    const gif = new File(['g'], 'fun.gif', { type: 'image/gif' });
    draft.attachFiles(key, [video, gif]);
    expect(draft.attachProblems[key]).toContain('only media');
    expect(draft.items[0]!.media).toHaveLength(0);
  });

  it('sends only stored media, and leaves out empty reply and quote ids', () => {
    const draft = new ThreadDraft(WORKSPACE);
    draft.accountId = 'account';
    draft.load({
      account: { id: 'account', username: 'ada', displayName: 'Ada', profileImageUrl: null },
      replyToXPostId: null,
      quoteXPostId: '123',
      items: [
        {
          position: 0,
          text: 'hello',
          xPostId: null,
          media: [{ id: 'm1', kind: 'image', mimeType: 'image/png', fileName: 'a.png', altText: '', url: '/api/media/m1' }],
        },
      ],
    });
    expect(draft.toContent()).toEqual({ accountId: 'account', items: [{ text: 'hello', mediaIds: ['m1'] }], replyToXPostId: undefined, quoteXPostId: '123' });
  });
});
