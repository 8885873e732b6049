import { and, asc, eq } from 'drizzle-orm';
import { libraryItems, type Executor } from '@tweetflow/db';
import { DomainError } from '../errors';
import type { Clock } from '../runtime/clock';
import type { LibraryItemInput, LibraryItemKind } from './library-input';

/** A saved template, snippet or hashtag group. */
export type LibraryItemView = {
  id: string;
  kind: LibraryItemKind;
  name: string;
  /** A template's thread texts, a snippet's one text, or a group's hashtags. */
  items: string[];
  createdAt: Date;
  updatedAt: Date;
};

const KIND_LABEL: Record<LibraryItemKind, string> = { template: 'template', snippet: 'snippet', hashtag_group: 'hashtag group' };

const viewColumns = {
  id: libraryItems.id,
  kind: libraryItems.kind,
  name: libraryItems.name,
  items: libraryItems.items,
  createdAt: libraryItems.createdAt,
  updatedAt: libraryItems.updatedAt,
};

/**
 * The workspace's library, by kind then name; only one kind when `kind` is given.
 *
 * @example
 * const groups = await listLibraryItems(db, { workspaceId, kind: 'hashtag_group' });
 */
export async function listLibraryItems(db: Executor, input: { workspaceId: string; kind?: LibraryItemKind }): Promise<LibraryItemView[]> {
  return db
    .select(viewColumns)
    .from(libraryItems)
    .where(and(eq(libraryItems.workspaceId, input.workspaceId), input.kind ? eq(libraryItems.kind, input.kind) : undefined))
    .orderBy(asc(libraryItems.kind), asc(libraryItems.name));
}

/**
 * Saves a new library item (validated by `libraryItemInputSchema`). Names are unique per
 * workspace and kind.
 *
 * @example
 * await createLibraryItem(db, clock, { workspaceId, userId, item: { kind: 'snippet', name: 'Sign-off', items: ['Thanks for reading!'] } });
 */
export async function createLibraryItem(
  db: Executor,
  clock: Clock,
  input: { workspaceId: string; userId: string | null; item: LibraryItemInput },
): Promise<LibraryItemView> {
  const now = clock.now();
  const [created] = await db
    .insert(libraryItems)
    .values({ workspaceId: input.workspaceId, createdByUserId: input.userId, ...input.item, createdAt: now, updatedAt: now })
    .onConflictDoNothing({ target: [libraryItems.workspaceId, libraryItems.kind, libraryItems.name] })
    .returning(viewColumns);
  if (!created) throw nameTaken(input.item);
  return created;
}

/**
 * Replaces an item's name and content; its kind stays what it was.
 *
 * @example
 * await updateLibraryItem(db, clock, { workspaceId, id, item: { kind: 'template', name: 'Launch thread', items: ['1/', '2/'] } });
 */
export async function updateLibraryItem(
  db: Executor,
  clock: Clock,
  input: { workspaceId: string; id: string; item: LibraryItemInput },
): Promise<LibraryItemView> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ kind: libraryItems.kind })
      .from(libraryItems)
      .where(and(eq(libraryItems.id, input.id), eq(libraryItems.workspaceId, input.workspaceId)))
      .for('update');
    if (!current) throw notFound();
    if (current.kind !== input.item.kind) {
      throw new DomainError('bad_request', `This is a ${KIND_LABEL[current.kind]}; it cannot become a ${KIND_LABEL[input.item.kind]}.`);
    }
    const [updated] = await tx
      .update(libraryItems)
      .set({ name: input.item.name, items: input.item.items, updatedAt: clock.now() })
      .where(eq(libraryItems.id, input.id))
      .returning(viewColumns)
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? nameTaken(input.item) : error;
      });
    return updated!;
  });
}

/**
 * Removes an item from the library; posts made from it keep their text.
 *
 * @example
 * await deleteLibraryItem(db, { workspaceId, id });
 */
export async function deleteLibraryItem(db: Executor, input: { workspaceId: string; id: string }): Promise<void> {
  const deleted = await db
    .delete(libraryItems)
    .where(and(eq(libraryItems.id, input.id), eq(libraryItems.workspaceId, input.workspaceId)))
    .returning({ id: libraryItems.id });
  if (deleted.length === 0) throw notFound();
}

function nameTaken(item: LibraryItemInput): DomainError {
  return new DomainError('conflict', `A ${KIND_LABEL[item.kind]} named "${item.name}" already exists in this workspace; choose another name.`);
}

/** Postgres refused a row whose name another item of the same kind already has. */
function isUniqueViolation(error: unknown): boolean {
  // Drizzle wraps the driver's error; the SQLSTATE is on the cause.
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if ((cause as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

function notFound(): DomainError {
  return new DomainError('not_found', 'That library item does not exist in this workspace (it may have been deleted).');
}
