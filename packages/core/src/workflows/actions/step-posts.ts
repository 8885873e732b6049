import { BatchLane, type Executor } from '@tweetflow/db';
import { createPosts, type NewPost } from '../../posts/create-posts';
import { publishBatch, type JobSettlement } from '../../posts/publish/batch/publish-batch';
import type { PublishDeps } from '../../posts/publish/publish-deps';
import type { PublishJob } from '../../posts/publish/publish-post';

/** A step's post to publish under the step's job: `create` when the step has not created it yet. */
export type StepPost = { workspaceId: string; create: NewPost | null; job: PublishJob };

/** More posts than this wait for the next batch. */
const MAX_BATCH = 100;

// Per deps (a process's clock and X client) and database handle, as a worker's steps meet there.
const lanesOf = new WeakMap<PublishDeps, WeakMap<Executor, BatchLane<StepPost, JobSettlement>>>();

/**
 * Creates (when asked) and publishes a workflow step's post, settling its job. A new
 * single post of text goes with the other steps' posts of the same moment: created in one
 * transaction per workspace and published as one batch. A worker advancing dozens of
 * runs at once otherwise spent a dozen statements per post (`pnpm bench workflows`).
 * Threads, media and resumed steps go alone: their publishing takes several calls to X
 * (or an upload), and the other steps' posts should not wait behind them.
 *
 * @example
 * const settlement = await publishStepPost(db, deps, { workspaceId, create: newPost, job: { id: stepId, postId: stepId, retryCount: 0, retryLimit: 2 } });
 */
export async function publishStepPost(db: Executor, deps: PublishDeps, post: StepPost): Promise<JobSettlement> {
  if (!goesTogether(post)) {
    const [settlement] = await publishTogether(db, deps, [post]);
    return settlement!;
  }
  let lanes = lanesOf.get(deps);
  if (!lanes) lanesOf.set(deps, (lanes = new WeakMap()));
  let lane = lanes.get(db);
  if (!lane) lanes.set(db, (lane = new BatchLane((batch: StepPost[]) => publishTogether(db, deps, batch), { maxWeight: MAX_BATCH })));
  return lane.submit(post);
}

function goesTogether(post: StepPost): boolean {
  const items = post.create?.content.items;
  return items?.length === 1 && items[0]!.mediaIds.length === 0;
}

async function publishTogether(db: Executor, deps: PublishDeps, batch: StepPost[]): Promise<JobSettlement[]> {
  const failures = await createTogether(db, deps, batch);
  const settlements = await publishBatch(
    db,
    deps,
    batch.filter((post) => !failures.has(post.job.id)).map((post) => post.job),
  );
  const settled = new Map(settlements.map((settlement) => [settlement.jobId, settlement]));
  return batch.map(({ job }) => {
    if (failures.has(job.id)) return { jobId: job.id, error: failures.get(job.id) };
    return settled.get(job.id) ?? { jobId: job.id, error: new Error('Publishing settled nothing for this post.') };
  });
}

/** Creates the batch's new posts, one transaction per workspace; returns why each post that could not be created failed, by job id. */
async function createTogether(db: Executor, deps: PublishDeps, batch: StepPost[]): Promise<Map<string, unknown>> {
  const failures = new Map<string, unknown>();
  const byWorkspace = Map.groupBy(
    batch.filter((post) => post.create),
    (post) => post.workspaceId,
  );
  const create = (workspaceId: string, group: StepPost[]) => createPosts(db, deps, { workspaceId, userId: null, posts: group.map((post) => post.create!) });
  await Promise.all(
    [...byWorkspace].map(async ([workspaceId, group]) => {
      try {
        await create(workspaceId, group);
      } catch (error) {
        // One post's problem (its account left the workspace) must not fail the others' steps: each again, alone.
        if (group.length === 1) failures.set(group[0]!.job.id, error);
        else await Promise.all(group.map((post) => create(workspaceId, [post]).catch((alone: unknown) => failures.set(post.job.id, alone))));
      }
    }),
  );
  return failures;
}
