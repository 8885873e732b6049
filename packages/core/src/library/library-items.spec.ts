import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSchedulingTestbed, type SchedulingTestbed } from '../scheduling/test-support';
import { libraryItemInputSchema, type LibraryItemInput } from './library-input';
import { createLibraryItem, deleteLibraryItem, listLibraryItems, updateLibraryItem } from './library-items';

let testbed: SchedulingTestbed;
beforeAll(async () => {
  testbed = await startSchedulingTestbed();
});
afterAll(() => testbed.close());

const clock = { now: () => new Date('2026-12-01T09:00:00Z') };
const item = (input: unknown): LibraryItemInput => libraryItemInputSchema.parse(input);
const problemsOf = (input: unknown) => libraryItemInputSchema.safeParse(input).error?.issues.map((issue) => issue.message) ?? [];

describe('library input', () => {
  it('normalises hashtag groups: adds "#", splits pasted lists, drops repeats whatever their case', () => {
    expect(item({ kind: 'hashtag_group', name: ' Indie ', items: ['buildinpublic', '#Indie #indie, ＃ts', '#日本語'] })).toEqual({
      kind: 'hashtag_group',
      name: 'Indie',
      items: ['#buildinpublic', '#Indie', '#ts', '#日本語'],
    });
    expect(problemsOf({ kind: 'hashtag_group', name: 'Bad', items: ['#2026', 'no-dashes'] })).toEqual([
      '"#2026" is not a hashtag X recognises: use letters, digits or _ after the #, and not only digits.',
      '"no-dashes" is not a hashtag X recognises: use letters, digits or _ after the #, and not only digits.',
    ]);
    expect(problemsOf({ kind: 'hashtag_group', name: 'Empty', items: [' '] })).toEqual(['Add at least one hashtag.']);
  });

  it('holds templates and snippets to what X would post', () => {
    expect(problemsOf({ kind: 'template', name: 'Launch', items: ['Fine', 'x'.repeat(281)] })).toEqual([
      'The post is 281 characters as X counts them; the limit is 280. Shorten it by 1.',
    ]);
    expect(problemsOf({ kind: 'snippet', name: 'Two', items: ['One', 'Two'] })).toEqual(['A snippet is one piece of text.']);
    expect(problemsOf({ kind: 'template', name: '', items: [] })).toEqual(['Give it a name.', 'A template needs at least one post.']);
  });
});

describe('library items', () => {
  it('creates, lists by kind and name, updates and deletes items of the workspace', async () => {
    const { db } = testbed.database;
    const ws = { workspaceId: testbed.workspaceId };
    const snippet = await createLibraryItem(db, clock, { ...ws, userId: testbed.userId, item: item({ kind: 'snippet', name: 'Sign-off', items: ['Thanks for reading!'] }) });
    await createLibraryItem(db, clock, { ...ws, userId: testbed.userId, item: item({ kind: 'template', name: 'Launch', items: ['1/ We shipped', '2/ Details'] }) });
    await createLibraryItem(db, clock, { ...ws, userId: testbed.userId, item: item({ kind: 'snippet', name: 'Call to action', items: ['Follow for more'] }) });

    expect((await listLibraryItems(db, ws)).map((entry) => [entry.kind, entry.name])).toEqual([
      ['template', 'Launch'],
      ['snippet', 'Call to action'],
      ['snippet', 'Sign-off'],
    ]);
    expect((await listLibraryItems(db, { ...ws, kind: 'template' })).map((entry) => entry.items)).toEqual([['1/ We shipped', '2/ Details']]);

    const later = { now: () => new Date('2026-12-02T09:00:00Z') };
    const renamed = await updateLibraryItem(db, later, { ...ws, id: snippet.id, item: item({ kind: 'snippet', name: 'Goodbye', items: ['See you!'] }) });
    expect(renamed).toMatchObject({ name: 'Goodbye', items: ['See you!'], createdAt: clock.now(), updatedAt: later.now() });

    await deleteLibraryItem(db, { ...ws, id: snippet.id });
    expect((await listLibraryItems(db, { ...ws, kind: 'snippet' })).map((entry) => entry.name)).toEqual(['Call to action']);
    await expect(deleteLibraryItem(db, { ...ws, id: snippet.id })).rejects.toThrow('That library item does not exist in this workspace');
  });

  it('refuses a second item of the same kind and name, on create and on rename, but allows it for another kind', async () => {
    const { db } = testbed.database;
    const ws = { workspaceId: testbed.workspaceId, userId: testbed.userId };
    await createLibraryItem(db, clock, { ...ws, item: item({ kind: 'hashtag_group', name: 'Weekly', items: ['#weekly'] }) });
    await expect(createLibraryItem(db, clock, { ...ws, item: item({ kind: 'hashtag_group', name: 'Weekly', items: ['#other'] }) })).rejects.toThrow(
      'A hashtag group named "Weekly" already exists in this workspace; choose another name.',
    );
    const other = await createLibraryItem(db, clock, { ...ws, item: item({ kind: 'hashtag_group', name: 'Monthly', items: ['#monthly'] }) });
    await expect(
      updateLibraryItem(db, clock, { workspaceId: ws.workspaceId, id: other.id, item: item({ kind: 'hashtag_group', name: 'Weekly', items: ['#m'] }) }),
    ).rejects.toThrow('A hashtag group named "Weekly" already exists in this workspace; choose another name.');
    await expect(createLibraryItem(db, clock, { ...ws, item: item({ kind: 'snippet', name: 'Weekly', items: ['Weekly!'] }) })).resolves.toMatchObject({
      kind: 'snippet',
    });
  });

  it('keeps an item’s kind and its workspace', async () => {
    const { db } = testbed.database;
    const group = await createLibraryItem(db, clock, { workspaceId: testbed.workspaceId, userId: null, item: item({ kind: 'hashtag_group', name: 'Kinds', items: ['#k'] }) });
    await expect(
      updateLibraryItem(db, clock, { workspaceId: testbed.workspaceId, id: group.id, item: item({ kind: 'snippet', name: 'Kinds', items: ['text'] }) }),
    ).rejects.toThrow('This is a hashtag group; it cannot become a snippet.');
    await expect(
      updateLibraryItem(db, clock, { workspaceId: '00000000-0000-7000-8000-000000000000', id: group.id, item: item({ kind: 'hashtag_group', name: 'Kinds', items: ['#k'] }) }),
    ).rejects.toThrow('That library item does not exist in this workspace');
  });
});
