import { describe, expect, it } from 'vitest';
import { exportWorkflow, parseWorkflowFile } from './transfer';
import { ACCOUNT_ID, launchWorkflow } from './test-data';
import { WORKFLOW_TEMPLATES } from './templates';

const mentionWorkflow = () => {
  const definition = launchWorkflow();
  return { ...definition, trigger: { type: 'x.mention' as const, params: { accountId: 'acc_support', pollSeconds: 60 } } };
};

describe('exportWorkflow and parseWorkflowFile', () => {
  it('round-trips through JSON, mapping each account to this workspace’s by username', () => {
    const definition = mentionWorkflow();
    const file = exportWorkflow({
      name: 'Launch posts',
      description: 'Posts launch news from the webhook',
      definition,
      accounts: { [ACCOUNT_ID]: 'TweetFlowHQ', acc_support: 'tweetflow_help', acc_unused: 'someone' },
    });
    expect(file).toMatchObject({ format: 'tweetflow.workflow', schemaVersion: 1, accounts: { [ACCOUNT_ID]: 'TweetFlowHQ', acc_support: 'tweetflow_help' } });
    expect(Object.keys(file.accounts)).toHaveLength(2);

    const imported = parseWorkflowFile(JSON.parse(JSON.stringify(file)), { accountsByUsername: { '@tweetflowhq': 'acc_9', tweetflow_help: 'acc_10' } });
    expect(imported).toEqual({
      ok: true,
      name: 'Launch posts',
      description: 'Posts launch news from the webhook',
      definition: {
        ...definition,
        trigger: { type: 'x.mention', params: { accountId: 'acc_10', pollSeconds: 60 } },
        nodes: definition.nodes.map((node) => (node.id === 'post' ? { ...node, params: { ...node.params, accountId: 'acc_9' } } : node)),
      },
    });
  });

  it('round-trips every template', () => {
    for (const template of WORKFLOW_TEMPLATES) {
      const definition = template.build({ accountId: 'acc_1', timezone: 'America/Chicago' });
      const file = exportWorkflow({ name: template.name, description: template.description, definition, accounts: { acc_1: 'brand' } });
      const imported = parseWorkflowFile(JSON.parse(JSON.stringify(file)), { accountsByUsername: { brand: 'acc_1' } });
      expect(imported).toEqual({ ok: true, name: template.name, description: template.description, definition });
    }
  });

  it('leaves accounts chosen by expression alone', () => {
    const definition = launchWorkflow();
    const nodes = definition.nodes.map((node) => (node.id === 'post' ? ({ ...node, params: { ...node.params, accountId: '{{ trigger.body.account }}' } } as typeof node) : node));
    const byExpression = { ...definition, nodes };
    const file = exportWorkflow({ name: 'Any account', description: '', definition: byExpression, accounts: {} });
    expect(file.accounts).toEqual({});
    expect(parseWorkflowFile(file, { accountsByUsername: {} })).toMatchObject({ ok: true, definition: byExpression });
  });

  it('refuses to export an account it has no username for', () => {
    expect(() => exportWorkflow({ name: 'x', description: '', definition: launchWorkflow(), accounts: {} })).toThrow(
      `Node 'post' uses X account ${ACCOUNT_ID}, whose username was not given to exportWorkflow.`,
    );
  });

  it('reports each place an account without a match is used, with the other problems', () => {
    const file = exportWorkflow({ name: 'Launch', description: '', definition: mentionWorkflow(), accounts: { [ACCOUNT_ID]: 'brand', acc_support: 'help' } });
    const broken = { ...file, definition: { ...file.definition, edges: [...file.definition.edges, { from: 'check', to: 'nowhere', label: 'true' }] } };
    expect(parseWorkflowFile(broken, { accountsByUsername: { brand: 'acc_9' } })).toEqual({
      ok: false,
      problems: [
        { nodeId: 'trigger', field: 'params.accountId', message: 'X account @help is not connected to this workspace; connect it, or choose another account after importing.' },
        { nodeId: 'check', field: 'edges.4.to', message: "Edge 4 from 'check' leads to 'nowhere', which is not a node in this workflow." },
      ],
    });
  });

  it('refuses files that are not workflow files, are damaged, or come from a newer TweetFlow', () => {
    const file = exportWorkflow({ name: 'Launch', description: '', definition: launchWorkflow(), accounts: { [ACCOUNT_ID]: 'brand' } });
    const context = { accountsByUsername: { brand: 'acc_9' } };
    expect(parseWorkflowFile({ nodes: [] }, context)).toEqual({
      ok: false,
      problems: [{ nodeId: null, field: 'format', message: 'This is not a TweetFlow workflow file: its "format" should be "tweetflow.workflow".' }],
    });
    expect(parseWorkflowFile({ ...file, name: '' }, context)).toMatchObject({ ok: false, problems: [{ nodeId: null, field: 'name' }] });
    expect(parseWorkflowFile({ ...file, schemaVersion: 2 }, context)).toEqual({
      ok: false,
      problems: [
        {
          nodeId: null,
          field: 'schemaVersion',
          message: 'The file was made by a newer TweetFlow (workflow schema version 2); this one reads version 1. Update TweetFlow, then import it again.',
        },
      ],
    });
  });
});
