import { describe, expect, it } from 'vitest';
import type { WorkflowDefinitionInput } from '../definition';
import { ACCOUNT_ID, launchWorkflow, launchWorkflowInput } from '../test-data';
import { validateWorkflow } from './validate-workflow';
import type { WorkflowProblem } from './workflow-problem';

const context = { accountIds: [ACCOUNT_ID, 'acc_support'] };

function problemsOf(definition: unknown): WorkflowProblem[] {
  const result = validateWorkflow(definition, context);
  if (result.ok) throw new Error('expected problems, the definition passed');
  return result.problems;
}

/** The launch workflow with its nodes changed: `patch` maps node id → replacement (or null to drop it). */
function withNodes(patch: Record<string, object | null>, extra: object[] = []): WorkflowDefinitionInput {
  const input = launchWorkflowInput();
  const nodes = input.nodes.flatMap((node) => (node.id in patch ? (patch[node.id] === null ? [] : [patch[node.id]]) : [node]));
  return { ...input, nodes: [...nodes, ...extra] as WorkflowDefinitionInput['nodes'] };
}

describe('validateWorkflow', () => {
  it('accepts a sound workflow and fills in defaults', () => {
    const result = validateWorkflow(launchWorkflowInput(), context);
    expect(result).toEqual({ ok: true, definition: launchWorkflow() });
    if (result.ok) expect(result.definition.settings.overlap).toBe('queue');
  });

  it('refuses something that is not a definition at all', () => {
    expect(problemsOf('not json')).toEqual([{ nodeId: null, field: null, message: 'A workflow definition must be a JSON object with a trigger, nodes and edges.' }]);
  });

  it('reports every schema problem at its node and field', () => {
    const input = withNodes({
      post: { id: 'post', type: 'x.post', params: { text: 42 } },
      skipped: { id: 'skipped', type: 'x.tweet', params: { text: 'hi' } },
      alert: { id: 'alert', type: 'notify', params: { channel: 'sms', title: '', body: 'Failed' } },
    });
    expect(problemsOf(input)).toEqual([
      { nodeId: 'post', field: 'params.accountId', message: 'params.accountId is required.' },
      { nodeId: 'post', field: 'params.text', message: 'params.text must be a string, not a number.' },
      {
        nodeId: 'skipped',
        field: 'type',
        message: "Unknown node type 'x.tweet'; choose one of x.post, x.reply, x.thread, x.quote, x.like, x.repost, x.delete, wait, if, switch, set, format, pick, http, notify.",
      },
      { nodeId: 'alert', field: 'params.channel', message: 'params.channel must be one of "in_app", "email", "webhook".' },
    ]);
  });

  it('keeps the messages written in the schema, with their field', () => {
    const input = withNodes({ post: { id: 'post', type: 'x.post', params: { accountId: '', text: 'Hi' } } }, [
      { id: '2nd', type: 'format', params: { template: 'x' } },
    ]);
    expect(problemsOf(input)).toEqual(
      expect.arrayContaining([
        { nodeId: 'post', field: 'params.accountId', message: 'params.accountId: choose an X account' },
        { nodeId: '2nd', field: 'id', message: 'id: must start with a letter and use letters, digits and _ (at most 48)' },
      ]),
    );
  });

  it('reports post texts X would refuse, written out; expressions and a post with media only pass', () => {
    const input = withNodes({ post: { id: 'post', type: 'x.post', params: { accountId: ACCOUNT_ID, text: '   ' } } }, [
      { id: 'picture', type: 'x.post', params: { accountId: ACCOUNT_ID, text: '', mediaIds: ['m1'] } },
      { id: 'computed', type: 'x.post', params: { accountId: ACCOUNT_ID, text: '{{ trigger.body.text }}' } },
      { id: 'long', type: 'x.reply', params: { accountId: ACCOUNT_ID, text: 'x'.repeat(290), inReplyTo: '1' } },
      { id: 'story', type: 'x.thread', params: { accountId: ACCOUNT_ID, items: ['One', ''] } },
    ]);
    const problems = problemsOf(input).filter((problem) => /^params\.(text|items)/.test(problem.field ?? ''));
    expect(problems).toEqual([
      { nodeId: 'post', field: 'params.text', message: 'params.text is empty; write what to post, or an expression like {{ trigger.body.text }}.' },
      { nodeId: 'long', field: 'params.text', message: 'params.text: The post is 290 characters as X counts them; the limit is 280. Shorten it by 10.' },
      { nodeId: 'story', field: 'params.items.1', message: 'params.items.1 is empty; write what to post, or an expression like {{ trigger.body.text }}.' },
    ]);
  });

  it('reports trigger problems under "trigger"', () => {
    const input = { ...launchWorkflowInput(), trigger: { type: 'schedule', params: { mode: 'cron', cron: '0 25 * * *', timezone: 'Europe/Berlin' } } };
    const [problem] = problemsOf(input);
    expect(problem).toMatchObject({ nodeId: 'trigger', field: 'params.cron' });
    expect(problem?.message).toMatch(/^'0 25 \* \* \*' is not a valid cron expression: /);
    expect(problemsOf({ ...input, trigger: { type: 'cronjob', params: {} } })).toEqual([
      { nodeId: 'trigger', field: 'type', message: "Unknown trigger type 'cronjob'; choose one of schedule, manual, webhook, x.mention, x.reply, x.search." },
    ]);
    const badZone = { ...input, trigger: { type: 'schedule', params: { mode: 'cron', cron: '0 9 * * *', timezone: 'CET+1' } } };
    expect(problemsOf(badZone)).toEqual([
      { nodeId: 'trigger', field: 'params.timezone', message: "params.timezone 'CET+1' is not an IANA time zone; use a name like Europe/Berlin, America/New_York or UTC." },
    ]);
  });

  it('reports repeated node ids and the reserved id "trigger"', () => {
    const input = withNodes({}, [
      { id: 'post', type: 'x.like', params: { accountId: ACCOUNT_ID, postId: '1' } },
      { id: 'trigger', type: 'x.like', params: { accountId: ACCOUNT_ID, postId: '1' } },
    ]);
    expect(problemsOf(input)).toEqual(
      expect.arrayContaining([
        { nodeId: 'post', field: 'id', message: "Node id 'post' is used by 2 nodes; give each node its own id." },
        { nodeId: null, field: 'nodes.5.id', message: "A node cannot be called 'trigger': edges use that name for the workflow's trigger. Rename the node." },
      ]),
    );
  });

  it('reports edges to and from missing nodes, wrong labels and repeated edges', () => {
    const input = launchWorkflowInput();
    const edges = [
      ...input.edges,
      { from: 'check', to: 'psot', label: 'true' },
      { from: 'fetch', to: 'post', label: 'next' },
      { from: 'check', to: 'alert', label: 'yes' },
      { from: 'post', to: 'alert', label: 'true' },
      { from: 'trigger', to: 'alert', label: 'error' },
      { from: 'check', to: 'post', label: 'true' },
    ];
    expect(problemsOf({ ...input, edges })).toEqual([
      { nodeId: 'check', field: 'edges.4.to', message: "Edge 4 from 'check' leads to 'psot', which is not a node in this workflow." },
      { nodeId: null, field: 'edges.5.from', message: "Edge 5 starts at 'fetch', which is not a node in this workflow; start it at the trigger or an existing node." },
      { nodeId: 'check', field: 'edges.6.label', message: "Edge 6 from 'check' is labelled 'yes', but an if node's edges are labelled true, false or error." },
      { nodeId: 'post', field: 'edges.7.label', message: "Edge 7 from 'post' is labelled 'true', but an x.post node's edges are labelled next or error." },
      { nodeId: 'trigger', field: 'edges.8.label', message: "Edge 8 from the trigger is labelled 'error', but edges from the trigger are labelled next." },
      { nodeId: 'check', field: 'edges.9', message: 'Edge 9 repeats edge 1 (check → post, true); remove one.' },
    ]);
  });

  it('accepts switch cases as labels and reports cases that clash', () => {
    const input = withNodes({
      check: { id: 'check', type: 'switch', params: { value: '{{ trigger.body.lang }}', cases: ['en', 'de', 'default', 'en'] } },
    });
    const edges = input.edges.map((edge) => (edge.label === 'true' ? { ...edge, label: 'en' } : edge.label === 'false' ? { ...edge, label: 'fr' } : edge));
    expect(problemsOf({ ...input, edges })).toEqual([
      {
        nodeId: 'check',
        field: 'edges.2.label',
        message: "Edge 2 from 'check' is labelled 'fr', but a switch node's edges are labelled with one of its cases (en, de, default, en), default or error.",
      },
      { nodeId: 'check', field: 'params.cases.2', message: "Case 'default' clashes with the switch's own default branch; rename the case." },
      { nodeId: 'check', field: 'params.cases.3', message: "Case 'en' is listed twice; each case needs its own name." },
    ]);
  });

  it('reports nodes that never run, telling an orphan from a node behind one', () => {
    const input = withNodes({}, [
      { id: 'draft', type: 'format', params: { template: 'Draft' } },
      { id: 'publish', type: 'x.post', params: { accountId: ACCOUNT_ID, text: '{{ nodes.draft.text }}' } },
    ]);
    const edges = [...input.edges, { from: 'draft', to: 'publish', label: 'next' }];
    expect(problemsOf({ ...input, edges })).toEqual([
      { nodeId: 'draft', field: null, message: "Node 'draft' has no incoming edge, so it never runs; connect it from the trigger or an earlier node, or delete it." },
      { nodeId: 'publish', field: null, message: "Node 'publish' is not reachable from the trigger: it only follows 'draft', which never run." },
    ]);
  });

  it('reports a trigger that leads nowhere', () => {
    const input = launchWorkflowInput({ nodes: [], edges: [] });
    expect(problemsOf(input)).toEqual([
      { nodeId: 'trigger', field: null, message: 'Nothing follows the trigger, so a run would do nothing; add an edge from the trigger to the first node.' },
    ]);
  });

  it('reports each loop at the edge that closes it', () => {
    const input = launchWorkflowInput();
    const edges = [...input.edges, { from: 'alert', to: 'check', label: 'next' }];
    expect(problemsOf({ ...input, edges })).toEqual([
      {
        nodeId: 'alert',
        field: 'edges.4',
        message:
          "Nodes check → post → alert → check form a loop, and a run executes each node at most once; remove the edge from 'alert' to 'check' (to repeat work, use a schedule trigger).",
      },
    ]);
  });

  it('reports expression syntax errors at their field', () => {
    const input = withNodes({
      post: { id: 'post', type: 'x.post', params: { accountId: ACCOUNT_ID, text: 'New: {{ trigger.body.text + }}' } },
      skipped: { id: 'skipped', type: 'notify', params: { channel: 'in_app', title: 'Not posted', body: 'No launch in {{ trigger.body.text' } },
    });
    expect(problemsOf(input)).toEqual([
      { nodeId: 'post', field: 'params.text', message: 'Expression `trigger.body.text +` is not valid JSONata: Unexpected end of expression (at character 19)' },
      { nodeId: 'skipped', field: 'params.body', message: 'Expression `{{ trigger.body.text` has no closing `}}`; close it or remove the `{{`.' },
    ]);
  });

  it('reports reads of nodes that do not run before, or do not exist', () => {
    const input = withNodes({
      check: { id: 'check', type: 'if', params: { condition: '{{ nodes.post.postId != null }}' } },
      post: { id: 'post', type: 'x.post', params: { accountId: ACCOUNT_ID, text: '{{ nodes.fetch.body.title }}' } },
    });
    expect(problemsOf(input)).toEqual([
      {
        nodeId: 'check',
        field: 'params.condition',
        message: "Expression `nodes.post.postId != null` references nodes.post, which does not run before this node; connect 'post' before 'check' or read something that does.",
      },
      { nodeId: 'post', field: 'params.text', message: "Expression `nodes.fetch.body.title` references nodes.fetch, but there is no node 'fetch' in this workflow." },
    ]);
  });

  it('accepts reads of earlier nodes and of variables an earlier set node defines', () => {
    const input = launchWorkflowInput({
      nodes: [
        { id: 'prepare', type: 'set', params: { variables: { headline: '{{ $uppercase(trigger.body.text) }}' } } },
        { id: 'post', type: 'x.post', params: { accountId: ACCOUNT_ID, text: '{{ vars.headline }}' } },
        { id: 'alert', type: 'notify', params: { channel: 'in_app', title: 'Posted', body: '{{ nodes.post.url }} {{ nodes.prepare.headline }}' } },
      ],
      edges: [
        { from: 'trigger', to: 'prepare' },
        { from: 'prepare', to: 'post' },
        { from: 'post', to: 'alert' },
      ],
    });
    expect(validateWorkflow(input, context).ok).toBe(true);
  });

  it('reports variables that no earlier set node defines', () => {
    const input = launchWorkflowInput({
      nodes: [
        { id: 'post', type: 'x.post', params: { accountId: ACCOUNT_ID, text: '{{ vars.headline }}' } },
        { id: 'prepare', type: 'set', params: { variables: { headline: 'Hello' } } },
      ],
      edges: [
        { from: 'trigger', to: 'post' },
        { from: 'post', to: 'prepare' },
      ],
    });
    expect(problemsOf(input)).toEqual([
      {
        nodeId: 'post',
        field: 'params.text',
        message: "Expression `vars.headline` references vars.headline, which no earlier set node defines; add a set node before 'post' that defines headline.",
      },
    ]);
  });

  it('reports X accounts that are not this workspace’s, on the trigger and on nodes, unless they are expressions', () => {
    const input = {
      ...withNodes({ post: { id: 'post', type: 'x.post', params: { accountId: 'acc_elsewhere', text: 'Hi' } } }),
      trigger: { type: 'x.mention', params: { accountId: 'acc_old' } },
    };
    expect(problemsOf(input)).toEqual([
      { nodeId: 'trigger', field: 'params.accountId', message: "X account 'acc_old' is not connected to this workspace; choose one of the workspace's connected accounts." },
      { nodeId: 'post', field: 'params.accountId', message: "X account 'acc_elsewhere' is not connected to this workspace; choose one of the workspace's connected accounts." },
    ]);
    const fromExpression = withNodes({ post: { id: 'post', type: 'x.post', params: { accountId: '{{ trigger.body.account }}', text: 'Hi' } } });
    expect(validateWorkflow(fromExpression, context).ok).toBe(true);
    expect(validateWorkflow(launchWorkflowInput(), { accountIds: [] })).toMatchObject({
      ok: false,
      problems: [{ nodeId: 'post', field: 'params.accountId', message: `X account '${ACCOUNT_ID}' is not connected to this workspace; connect an X account first.` }],
    });
  });

  it('reads if conditions and switch values as expressions, with or without braces', () => {
    const bare = withNodes({ check: { id: 'check', type: 'if', params: { condition: "$contains(trigger.body.text, 'launch')" } } });
    expect(validateWorkflow(bare, context).ok).toBe(true);
    const broken = withNodes({ check: { id: 'check', type: 'if', params: { condition: "$contains(trigger.body.text, 'launch' and nodes.post.url" } } });
    expect(problemsOf(broken)).toEqual([
      { nodeId: 'check', field: 'params.condition', message: expect.stringMatching(/^Expression `\$contains\(trigger.body.text, 'launch' and nodes.post.url` is not valid JSONata: /) },
    ]);
    const mixed = withNodes({ check: { id: 'check', type: 'if', params: { condition: '{{ trigger.body.ok }} and {{ trigger.body.live }}' } } });
    expect(problemsOf(mixed)).toEqual([
      { nodeId: 'check', field: 'params.condition', message: 'params.condition must be one expression, not text around expressions; write e.g. {{ vars.a > 1 and vars.b }}.' },
    ]);
    const late = withNodes({ check: { id: 'check', type: 'if', params: { condition: 'nodes.post.url != null' } } });
    expect(problemsOf(late)).toEqual([
      {
        nodeId: 'check',
        field: 'params.condition',
        message: "Expression `nodes.post.url != null` references nodes.post, which does not run before this node; connect 'post' before 'check' or read something that does.",
      },
    ]);
  });

  it('reports fixed dates and URLs that do not parse, and bad setting zones', () => {
    const input = withNodes(
      {},
      [
        { id: 'later', type: 'wait', params: { mode: 'until', at: 'tomorrow 9am' } },
        { id: 'fetch', type: 'http', params: { url: 'ftp://example.com/feed' } },
      ],
    );
    const edges = [...input.edges, { from: 'post', to: 'later' }, { from: 'later', to: 'fetch' }];
    expect(problemsOf({ ...input, edges, settings: { timezone: 'Mars/Olympus' } })).toEqual([
      { nodeId: null, field: 'settings.timezone', message: "settings.timezone 'Mars/Olympus' is not an IANA time zone; use a name like Europe/Berlin, America/New_York or UTC." },
      { nodeId: 'later', field: 'params.at', message: "params.at 'tomorrow 9am' is not a date and time; write one like 2025-06-07T09:00:00Z, or an expression." },
      { nodeId: 'fetch', field: 'params.url', message: "params.url 'ftp://example.com/feed' is not an http(s) address; write a full URL like https://example.com/feed.json." },
    ]);
  });

  it('reports schema, wiring, expression and account problems together', () => {
    const input = withNodes(
      {
        post: { id: 'post', type: 'x.post', params: { accountId: 'acc_gone', text: '{{ nodes.orphan.text }}' } },
        alert: { id: 'alert', type: 'notify', params: { title: 'Failed', body: 'x' } },
      },
      [{ id: 'orphan', type: 'format', params: { template: 'x' } }],
    );
    expect(problemsOf(input).map((problem) => [problem.nodeId, problem.field])).toEqual([
      ['alert', 'params.channel'],
      ['orphan', null],
      ['post', 'params.text'],
      ['post', 'params.accountId'],
    ]);
  });
});

describe('validateWorkflow on malformed nodes and edges', () => {
  it('places problems of nodes without an id and edges without an end by their path from the root', () => {
    const input = launchWorkflowInput();
    const broken = {
      ...input,
      nodes: [...input.nodes, { type: 'format', params: { template: 'x' } }, 'post'],
      edges: [...input.edges, { from: 'check' }],
    };
    expect(problemsOf(broken)).toEqual([
      { nodeId: null, field: 'nodes.4.id', message: 'nodes.4.id is required.' },
      { nodeId: null, field: 'nodes.5', message: 'nodes.5 must be an object with an id, a type and params.' },
      { nodeId: 'check', field: 'edges.4.to', message: 'edges.4.to is required.' },
    ]);
  });

  it('says which forms a parameter may take', () => {
    const input = withNodes({ post: { id: 'post', type: 'pick', params: { items: 7, strategy: 'random' } } });
    expect(problemsOf(input)).toEqual([{ nodeId: 'post', field: 'params.items', message: 'params.items must be an array or a string, not a number.' }]);
  });
});
