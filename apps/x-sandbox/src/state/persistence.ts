import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SandboxWorld } from '../world';
import type { SandboxStore } from './store';

const SAVE_DELAY_MS = 250;
const FORMAT_VERSION = 1;

/**
 * Keeps the sandbox's state in a JSON file so `pnpm dev` restarts keep users, posts and
 * tokens. Changes are written at most every 250 ms, off the request path, through a
 * temporary file and a rename so a crash never leaves half a file.
 *
 * @example
 * const persistence = await StatePersistence.open(world, '.tweetflow/x-sandbox.json');
 * await persistence.flush();
 */
export class StatePersistence {
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> = Promise.resolve();

  private constructor(private readonly world: SandboxWorld, private readonly file: string) {}

  static async open(world: SandboxWorld, file: string): Promise<StatePersistence> {
    const persistence = new StatePersistence(world, file);
    await persistence.#load();
    world.onChange = () => persistence.#schedule();
    return persistence;
  }

  /** Writes any pending change now. */
  async flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#writing = this.#writing.then(() => this.#write());
    }
    await this.#writing;
  }

  #schedule(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#writing = this.#writing.then(() => this.#write());
    }, SAVE_DELAY_MS);
  }

  async #write(): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(snapshot(this.world.store)));
    await rename(temporary, this.file);
  }

  async #load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    restore(this.world, JSON.parse(text) as Snapshot);
  }
}

type Snapshot = ReturnType<typeof snapshot>;

function snapshot(store: SandboxStore) {
  return {
    version: FORMAT_VERSION,
    users: [...store.users.values()].map((user) => ({ ...user, followerIds: [...user.followerIds], followingIds: [...user.followingIds] })),
    posts: store.postIds.flatMap((id) => {
      const post = store.posts.get(id);
      return post ? [{ ...post, likedBy: [...post.likedBy], repostedBy: [...post.repostedBy] }] : [];
    }),
    postsCreatedByUser: [...store.postsCreatedByUser],
    clients: [...store.clients.values()],
    accessTokens: [...store.accessTokens.values()],
    refreshTokens: [...store.refreshTokens.values()],
    media: [...store.media.values()].map((media) => ({ ...media, segments: [...media.segments] })),
    webhooks: [...store.webhooks.values()].map((webhook) => ({ ...webhook, subscribedUserIds: [...webhook.subscribedUserIds] })),
  };
}

function restore(world: SandboxWorld, saved: Snapshot): void {
  if (saved.version !== FORMAT_VERSION) return;
  const { store, ids } = world;
  for (const user of saved.users) {
    store.addUser({ ...user, followerIds: new Set(user.followerIds), followingIds: new Set(user.followingIds) });
    ids.observe(user.id);
  }
  for (const post of saved.posts) {
    store.addPost({ ...post, likedBy: new Set(post.likedBy), repostedBy: new Set(post.repostedBy) });
    ids.observe(post.id);
  }
  for (const [userId, count] of saved.postsCreatedByUser) store.postsCreatedByUser.set(userId, count);
  for (const client of saved.clients) store.clients.set(client.clientId, client);
  for (const grant of saved.accessTokens) store.accessTokens.set(grant.token, grant);
  for (const grant of saved.refreshTokens) store.refreshTokens.set(grant.token, grant);
  for (const media of saved.media) {
    store.media.set(media.id, { ...media, segments: new Set(media.segments) });
    ids.observe(media.id);
  }
  for (const webhook of saved.webhooks) {
    store.webhooks.set(webhook.id, { ...webhook, subscribedUserIds: new Set(webhook.subscribedUserIds) });
    ids.observe(webhook.id);
  }
}
