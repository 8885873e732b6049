import { describeFailure } from '#lib/client/errors.ts';
import { liveEvents } from '#lib/client/live-events.svelte.ts';
import { runSample, type RunSample } from '#lib/client/workflow-expressions.ts';
import { FINISHED_RUN_STATUSES, type WorkflowRunDetail, type WorkflowRunStep } from '#lib/client/workflow-types.ts';
import { trpc } from '#lib/trpc.ts';

/** A node's state in the run shown on the canvas. */
export type NodeRunState = { status: string; step: WorkflowRunStep | null };

/** While a run is unfinished, it is re-read this often even if the live stream is quiet. */
const SAFETY_POLL_MS = 4_000;
/** Events arriving close together cause one read. */
const REFRESH_DELAY_MS = 120;

/**
 * One run shown on the canvas: a test run started from the editor, or a past run opened
 * from the history. Follows the run over the workspace's live stream (`run.changed`): each
 * event lights its node at once and re-reads the run's steps (input, output, error, timing).
 */
export class RunTracker {
  run = $state.raw<WorkflowRunDetail | null>(null);
  failure = $state<string | null>(null);
  starting = $state(false);
  /** Step statuses heard on the stream before the steps were re-read. */
  #heard = $state.raw<Record<string, string>>({});
  #workspaceId: string;
  #workflowId: string;
  #stopListening: (() => void) | null = null;
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;
  #pollTimer: ReturnType<typeof setInterval> | undefined;

  constructor(workspaceId: string, workflowId: string) {
    this.#workspaceId = workspaceId;
    this.#workflowId = workflowId;
  }

  readonly finished = $derived(this.run !== null && FINISHED_RUN_STATUSES.includes(this.run.status));
  readonly pausedAt = $derived(this.run?.status === 'paused' ? this.run.pausedAt : null);
  readonly sample = $derived<RunSample | null>(this.run ? runSample(this.run) : null);

  /** Each node's latest state: its last step's status, or what the stream said, or `paused` at a breakpoint. */
  readonly nodeStates = $derived.by(() => {
    const states: Record<string, NodeRunState> = {};
    for (const [nodeId, status] of Object.entries(this.#heard)) states[nodeId] = { status, step: null };
    for (const step of this.run?.steps ?? []) states[step.nodeId] = { status: step.status, step };
    if (this.pausedAt) states[this.pausedAt] = { status: 'paused', step: states[this.pausedAt]?.step ?? null };
    return states;
  });

  /** Starts a run of the latest version (dry or live) and follows it. */
  async start(input: { input: unknown; dryRun: boolean; breakpoints: string[]; versionId?: string }): Promise<void> {
    this.starting = true;
    this.failure = null;
    try {
      const started = await trpc.workflows.run.mutate({ workspaceId: this.#workspaceId, workflowId: this.#workflowId, ...input });
      await this.open(started.runId);
    } catch (error) {
      this.failure = describeFailure(error);
    } finally {
      this.starting = false;
    }
  }

  /** Shows a run (and follows it while it is unfinished). */
  async open(runId: string): Promise<void> {
    this.#heard = {};
    this.#follow(runId);
    await this.#refresh(runId);
  }

  async continue(): Promise<void> {
    if (!this.run) return;
    try {
      await trpc.workflows.continueRun.mutate({ workspaceId: this.#workspaceId, runId: this.run.id });
      this.run = { ...this.run, status: 'running', pausedAt: null };
    } catch (error) {
      this.failure = describeFailure(error);
    }
  }

  async stop(): Promise<void> {
    if (!this.run) return;
    try {
      await trpc.workflows.stopRun.mutate({ workspaceId: this.#workspaceId, runId: this.run.id });
      await this.#refresh(this.run.id);
    } catch (error) {
      this.failure = describeFailure(error);
    }
  }

  /** Forgets the run (the canvas goes back to plain editing). */
  clear(): void {
    this.dispose();
    this.run = null;
    this.#heard = {};
    this.failure = null;
  }

  dispose(): void {
    this.#stopListening?.();
    this.#stopListening = null;
    clearTimeout(this.#refreshTimer);
    clearInterval(this.#pollTimer);
  }

  #follow(runId: string): void {
    this.dispose();
    this.#stopListening = liveEvents.listen(this.#workspaceId, (message) => {
      if (message.type === 'resync') return this.#scheduleRefresh(runId);
      if (message.type !== 'run.changed' || message.runId !== runId) return;
      if (message.nodeId && message.stepStatus) this.#heard = { ...this.#heard, [message.nodeId]: message.stepStatus };
      this.#scheduleRefresh(runId);
    });
    this.#pollTimer = setInterval(() => !this.finished && !this.pausedAt && void this.#refresh(runId), SAFETY_POLL_MS);
  }

  #scheduleRefresh(runId: string): void {
    clearTimeout(this.#refreshTimer);
    this.#refreshTimer = setTimeout(() => void this.#refresh(runId), REFRESH_DELAY_MS);
  }

  async #refresh(runId: string): Promise<void> {
    try {
      const run = await trpc.workflows.runDetail.query({ workspaceId: this.#workspaceId, runId });
      this.run = run;
      this.#heard = {};
      if (FINISHED_RUN_STATUSES.includes(run.status)) clearInterval(this.#pollTimer);
    } catch (error) {
      this.failure = describeFailure(error);
    }
  }
}
