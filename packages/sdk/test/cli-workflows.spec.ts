import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTweetFlowClient, type RouterOutputs, type WorkflowRun } from '../src/index.ts';
import { appUnderTest, uniqueUsername, type TokenHolder } from './app/app-under-test.ts';
import { tweetflow } from './cli/run-tweetflow.ts';

const app = appUnderTest();
let folder: string;
let holder: TokenHolder;
let env: Record<string, string>;
let workflowId: string;

/** Started by hand; writes a line, then posts it on the account (recorded only, in a dry run). */
function announcementWorkflow(accountId: string) {
  return {
    trigger: { type: 'manual', params: {} },
    nodes: [
      { id: 'compose', type: 'format', params: { template: 'Release notes are out', truncateForX: true } },
      { id: 'announce', type: 'x.post', params: { accountId, text: '{{ nodes.compose.text }}' } },
    ],
    edges: [
      { from: 'trigger', to: 'compose', label: 'next' },
      { from: 'compose', to: 'announce', label: 'next' },
    ],
  };
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'tweetflow-cli-workflows-'));
  holder = await app.createTokenHolder('editor');
  const account = await app.connectXAccount(holder, uniqueUsername('flow'));
  env = { TWEETFLOW_URL: app.url, TWEETFLOW_TOKEN: holder.token, TWEETFLOW_CONFIG_DIR: path.join(folder, 'config') };
  const client = createTweetFlowClient({ url: app.url, token: holder.token });
  const created = await client.workflows.create.mutate({ workspaceId: holder.workspaceId, name: 'Release announcement', definition: announcementWorkflow(account.id) });
  workflowId = created.workflowId;
});
afterAll(async () => {
  await app.close();
  await rm(folder, { recursive: true, force: true });
});

describe('workflows from the tweetflow CLI', () => {
  it('lists, exports to a file and imports that file again as a new inactive workflow', async () => {
    const list = await tweetflow(['workflows', 'list', '--json'], env);
    expect(list.json<RouterOutputs['workflows']['list']>()).toEqual([expect.objectContaining({ id: workflowId, name: 'Release announcement', active: false })]);

    const file = path.join(folder, 'release.json');
    const exported = await tweetflow(['workflows', 'export', workflowId, '-o', file], env);
    expect(exported.code).toBe(0);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ name: 'Release announcement' });

    const imported = await tweetflow(['workflows', 'import', file, '--json'], env);
    expect(imported.code).toBe(0);
    const copy = imported.json<{ ok: true; saved: { workflowId: string } }>();
    expect(copy.ok).toBe(true);
    expect(copy.saved.workflowId).not.toBe(workflowId);
  });

  it('activates a workflow, runs it as a dry run and follows the run step by step to the end', async () => {
    const activated = await tweetflow(['workflows', 'activate', workflowId, '--json'], env);
    expect(activated.json()).toMatchObject({ workflowId, version: 1 });

    const run = await tweetflow(['workflows', 'run', workflowId, '--dry-run', '--watch', '--json'], env);
    expect(run.code).toBe(0);
    const finished = run.json<WorkflowRun>();
    expect(finished).toMatchObject({ workflowId, status: 'succeeded', dryRun: true });
    expect(finished.steps.map((step) => [step.nodeId, step.status])).toEqual([
      ['compose', 'succeeded'],
      ['announce', 'succeeded'],
    ]);

    const watched = await tweetflow(['runs', 'watch', finished.id], env);
    expect(watched.code).toBe(0);
    expect(watched.stdout).toMatch(/1\s+compose\s+succeeded/);
    expect(watched.stdout).toContain(`Run ${finished.id} succeeded.`);
  });
});
