import { checkMediaFile, mediaSetProblem, type MediaKind } from '@tweetflow/x/rules';
import type { PostContentInput, PostView } from '#lib/client/publishing-types.ts';
import { moveItem } from '#lib/client/thread-editing.ts';
import { UploadCancelledError, uploadMedia } from '#lib/client/upload.ts';

/** A file on a thread item: uploading (with progress), stored, or refused with a reason. */
export type DraftMedia = {
  key: string;
  id: string | null;
  kind: MediaKind;
  fileName: string;
  /** The stored file's URL, or a local preview while it uploads. */
  url: string;
  altText: string;
  /** 0…1 while uploading. */
  progress: number;
  state: 'uploading' | 'ready' | 'failed';
  problem: string | null;
  cancel: (() => void) | null;
};

export type DraftItem = { key: string; text: string; media: DraftMedia[] };

let nextKey = 0;
const newKey = (prefix: string) => `${prefix}-${++nextKey}`;

export function emptyItem(text = ''): DraftItem {
  return { key: newKey('item'), text, media: [] };
}

/**
 * The thread being written: its account, items (text and media) and what it replies to or
 * quotes. Rune state, so every editor, counter and the preview follow each keystroke.
 */
export class ThreadDraft {
  accountId = $state<string | null>(null);
  items = $state<DraftItem[]>([emptyItem()]);
  replyToXPostId = $state('');
  quoteXPostId = $state('');
  /** Why the last files could not be attached, per item key. */
  attachProblems = $state<Record<string, string>>({});

  readonly uploading = $derived(this.items.some((item) => item.media.some((media) => media.state === 'uploading')));
  readonly hasFailedMedia = $derived(this.items.some((item) => item.media.some((media) => media.state === 'failed')));
  readonly isBlank = $derived(this.items.every((item) => item.text.trim() === '' && item.media.length === 0));

  readonly #workspaceId: string;

  constructor(workspaceId: string) {
    this.#workspaceId = workspaceId;
  }

  /** Fills the draft from a saved post, for editing. */
  load(post: Pick<PostView, 'account' | 'items' | 'replyToXPostId' | 'quoteXPostId'>): void {
    this.accountId = post.account?.id ?? null;
    this.replyToXPostId = post.replyToXPostId ?? '';
    this.quoteXPostId = post.quoteXPostId ?? '';
    this.items = post.items.map((item) => ({
      key: newKey('item'),
      text: item.text,
      media: item.media.map((file) => ({
        key: newKey('media'),
        id: file.id,
        kind: file.kind,
        fileName: file.fileName,
        url: file.url,
        altText: file.altText,
        progress: 1,
        state: 'ready' as const,
        problem: null,
        cancel: null,
      })),
    }));
    if (this.items.length === 0) this.items = [emptyItem()];
  }

  /** Adds an item after `index` (at the end by default) and returns its position. */
  addItem(index = this.items.length - 1, text = ''): number {
    this.items.splice(index + 1, 0, emptyItem(text));
    return index + 1;
  }

  removeItem(index: number): void {
    for (const media of this.items[index]?.media ?? []) media.cancel?.();
    this.items.splice(index, 1);
    if (this.items.length === 0) this.items.push(emptyItem());
  }

  moveItem(from: number, to: number): void {
    this.items = moveItem(this.items, from, to);
  }

  /** A template's texts as the thread (replace) or after it (append). */
  applyTemplate(texts: readonly string[], mode: 'replace' | 'append'): void {
    const added = texts.map((text) => emptyItem(text));
    if (mode === 'replace' || this.isBlank) {
      for (const item of this.items) for (const media of item.media) media.cancel?.();
      this.items = added.length > 0 ? added : [emptyItem()];
    } else {
      this.items.push(...added);
    }
  }

  /**
   * Checks files against X's rules for this item (type, size, and what may go together),
   * then uploads the ones that pass, each with its own progress.
   */
  attachFiles(itemKey: string, files: readonly File[]): void {
    const item = this.items.find((candidate) => candidate.key === itemKey);
    if (!item || files.length === 0) return;
    const problems: string[] = [];
    const accepted: { file: File; kind: MediaKind }[] = [];
    for (const file of files) {
      const check = checkMediaFile(file.type, file.size);
      if (check.ok) accepted.push({ file, kind: check.kind });
      else problems.push(`${file.name}: ${check.problem}`);
    }
    const kinds = [...item.media.filter((media) => media.state !== 'failed').map((media) => media.kind), ...accepted.map((entry) => entry.kind)];
    const setProblem = mediaSetProblem(kinds);
    if (setProblem) {
      this.attachProblems[itemKey] = setProblem;
      return;
    }
    if (problems.length > 0) this.attachProblems[itemKey] = problems.join(' ');
    else delete this.attachProblems[itemKey];
    for (const { file, kind } of accepted) this.#upload(item, file, kind);
  }

  removeMedia(itemKey: string, mediaKey: string): void {
    const item = this.items.find((candidate) => candidate.key === itemKey);
    if (!item) return;
    const index = item.media.findIndex((media) => media.key === mediaKey);
    if (index < 0) return;
    item.media[index]!.cancel?.();
    item.media.splice(index, 1);
    delete this.attachProblems[itemKey];
  }

  /** The content as the API takes it; media still uploading or failed are left out. */
  toContent(): PostContentInput {
    return {
      accountId: this.accountId ?? '',
      items: this.items.map((item) => ({
        text: item.text,
        mediaIds: item.media.flatMap((media) => (media.state === 'ready' && media.id ? [media.id] : [])),
      })),
      replyToXPostId: this.replyToXPostId.trim() || undefined,
      quoteXPostId: this.quoteXPostId.trim() || undefined,
    };
  }

  /** Alt texts typed for stored media, to save alongside the post. */
  altTexts(): { mediaId: string; altText: string }[] {
    return this.items.flatMap((item) => item.media.flatMap((media) => (media.id ? [{ mediaId: media.id, altText: media.altText.trim() }] : [])));
  }

  #upload(item: DraftItem, file: File, kind: MediaKind): void {
    const preview = URL.createObjectURL(file);
    item.media.push({
      key: newKey('media'),
      id: null,
      kind,
      fileName: file.name,
      url: preview,
      altText: '',
      progress: 0,
      state: 'uploading',
      problem: null,
      cancel: null,
    });
    // The pushed object comes back as the state proxy, so writes to it update the page.
    const media = item.media.at(-1)!;
    const upload = uploadMedia(this.#workspaceId, file, (share) => (media.progress = share));
    media.cancel = upload.cancel;
    upload.done.then(
      (stored) => {
        Object.assign(media, { id: stored.id, state: 'ready', progress: 1, cancel: null });
      },
      (error: unknown) => {
        if (error instanceof UploadCancelledError) return;
        Object.assign(media, { state: 'failed', cancel: null, problem: error instanceof Error ? error.message : 'The upload failed.' });
      },
    );
  }
}
