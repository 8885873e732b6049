import { Option, type Command } from 'commander';
import { watchPost, type WatchOptions } from '../../watch.ts';
import type { Post, RouterInputs } from '../../types.ts';
import type { CliContext } from '../context.ts';
import { readInputFile } from '../input-file.ts';
import { EXIT } from '../exit-codes.ts';
import { describePost, localZone, postSummary, wallClock } from '../format.ts';
import { uploadWithProgress } from '../media-upload.ts';
import { findAccount, parseLocalDateTime, parseThreadFile } from '../post-input.ts';
import { collect, parseDate, positiveInteger } from '../option-values.ts';
import { UsageError } from '../usage-error.ts';
import { registerPostsImport } from './posts-import.ts';

type Timing = RouterInputs['posts']['create']['timing'];
type ScheduleOptions = {
  account: string;
  at?: string;
  tz: string;
  now?: boolean;
  queue?: boolean;
  draft?: boolean;
  threadFile?: string;
  media: string[];
  watch?: boolean;
  timeout: string;
};

const POST_STATUSES = ['draft', 'scheduled', 'publishing', 'published', 'failed', 'outcome_unknown'] as const;

export function registerPosts(program: Command, context: CliContext): void {
  const posts = program.command('posts').description('schedule, list and cancel posts and threads');

  posts
    .command('schedule')
    .description('schedule a post, or a thread from a file (media go on its first post)')
    .argument('[text]', 'the text of a single post')
    .requiredOption('--account <account>', 'the X account: @username, username or id')
    .option('--at <time>', 'local date and time, e.g. "2026-12-01 09:00"')
    .option('--tz <zone>', 'IANA time zone of --at', localZone())
    .option('--now', 'publish right away')
    .option('--queue', "put it in the account's next free queue slot")
    .option('--draft', 'keep it as a draft')
    .option('--thread-file <file>', 'a thread: one post per part, parts separated by a line with only ---')
    .option('--media <path>', 'an image or video for the first post (repeatable, up to 4)', collect, [])
    .option('--watch', 'wait until it is published or has failed')
    .option('--timeout <seconds>', 'how long --watch waits', '600')
    .action(async (text: string | undefined, options: ScheduleOptions) => {
      const items = await threadItems(text, options.threadFile);
      const timing = publishTiming(options);
      const client = await context.client();
      const workspaceId = await context.workspaceId();
      const account = findAccount(await client.xAccounts.list.query({ workspaceId }), options.account);
      const mediaIds: string[] = [];
      for (const file of options.media) mediaIds.push((await uploadWithProgress(context, { workspaceId, file })).id);
      const post = await client.posts.create.mutate({
        workspaceId,
        content: { accountId: account.id, items: items.map((itemText, index) => ({ text: itemText, mediaIds: index === 0 ? mediaIds : [] })) },
        timing,
      });
      if (!options.watch) {
        context.output.result(post, () => context.output.line(`Post ${post.id}: ${describePost(post)}`));
        return;
      }
      await reportWatchedPost(context, await watchPost(client, { workspaceId, postId: post.id }, watchOptions(context, options.timeout)));
    });

  posts
    .command('list')
    .description('list posts, newest first, or those scheduled in a time range (calendar)')
    .option('--from <date>', 'start of the range, e.g. 2026-12-01 or 2026-12-01T09:00:00Z')
    .option('--to <date>', 'end of the range (exclusive)')
    .addOption(new Option('--status <status...>', 'only posts in these statuses').choices(POST_STATUSES))
    .option('--account <account>', 'only this X account')
    .option('--limit <count>', 'at most this many posts', '50')
    .action(async (options: { from?: string; to?: string; status?: Post['status'][]; account?: string; limit: string }) => {
      const client = await context.client();
      const workspaceId = await context.workspaceId();
      const accountIds = options.account ? [findAccount(await client.xAccounts.list.query({ workspaceId }), options.account).id] : undefined;
      const page = await client.posts.list.query({
        workspaceId,
        ...(options.from ? { from: parseDate('--from', options.from) } : {}),
        ...(options.to ? { to: parseDate('--to', options.to) } : {}),
        ...(options.status ? { statuses: options.status } : {}),
        ...(accountIds ? { accountIds } : {}),
        limit: positiveInteger('--limit', options.limit),
      });
      context.output.result(page, () =>
        context.output.table(
          ['id', 'status', 'when', 'account', 'text'],
          page.posts.map((post) => [
            post.id,
            post.status,
            post.scheduledAt ? wallClock(post.scheduledAt, post.timezone) : '',
            post.account ? `@${post.account.username}` : '',
            postSummary(post),
          ]),
        ),
      );
    });

  posts
    .command('watch')
    .description('wait until a post is published or has failed')
    .argument('<postId>')
    .option('--timeout <seconds>', 'how long to wait', '600')
    .action(async (postId: string, options: { timeout: string }) => {
      const client = await context.client();
      const workspaceId = await context.workspaceId();
      await reportWatchedPost(context, await watchPost(client, { workspaceId, postId }, watchOptions(context, options.timeout)));
    });

  posts
    .command('cancel')
    .description('take a post off the schedule (it stays as a draft)')
    .argument('<postId>')
    .action(async (postId: string) => {
      const client = await context.client();
      const post = await client.posts.unschedule.mutate({ workspaceId: await context.workspaceId(), postId });
      context.output.result(post, () => context.output.line(`Post ${post.id} is now a draft.`));
    });

  posts
    .command('delete')
    .description('delete a post that is not on X')
    .argument('<postId>')
    .action(async (postId: string) => {
      const client = await context.client();
      await client.posts.delete.mutate({ workspaceId: await context.workspaceId(), postId });
      context.output.result({ deleted: postId }, () => context.output.line(`Post ${postId} deleted.`));
    });

  registerPostsImport(posts, context);
}

async function threadItems(text: string | undefined, threadFile: string | undefined): Promise<string[]> {
  if (text !== undefined && threadFile) throw new UsageError('Give the text or --thread-file, not both.');
  if (threadFile) {
    const content = await readInputFile(threadFile, `--thread-file ${threadFile}`);
    return parseThreadFile(content);
  }
  if (text === undefined || text.trim() === '') throw new UsageError('Give the text of the post, or a thread with --thread-file.');
  return [text];
}

function publishTiming(options: ScheduleOptions): Timing {
  const chosen = [options.at !== undefined, options.now, options.queue, options.draft].filter(Boolean).length;
  if (chosen !== 1) throw new UsageError('Say when, with exactly one of --at "2026-12-01 09:00", --now, --queue or --draft.');
  if (options.now) return { kind: 'now' };
  if (options.queue) return { kind: 'queue' };
  if (options.draft) return { kind: 'draft' };
  return { kind: 'at', localDateTime: parseLocalDateTime(options.at!), timezone: options.tz };
}

function watchOptions(context: CliContext, timeout: string): WatchOptions {
  return {
    signal: AbortSignal.timeout(positiveInteger('--timeout', timeout) * 1000),
    onEvent: (event) => {
      if (event.type === 'post.changed') context.output.note(`… ${event.status}${event.statusReason ? `: ${event.statusReason}` : ''}`);
    },
  };
}

async function reportWatchedPost(context: CliContext, post: Post): Promise<void> {
  context.output.result(post, () => context.output.line(`Post ${post.id}: ${describePost(post)}`));
  if (post.status === 'failed') context.exitCode = EXIT.failed;
}
