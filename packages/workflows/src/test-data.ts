// Factories shared by this package's specs.
import { workflowDefinitionSchema, type WorkflowDefinition, type WorkflowDefinitionInput } from './definition';
import type { ExpressionScope } from './expressions';

export const ACCOUNT_ID = 'acc_brand';

/**
 * A run's expression scope after a webhook delivered a post idea and a `fetch` node answered.
 *
 * @example
 * const scope = runScope({ vars: { count: 2 } });
 */
export function runScope(overrides: Partial<ExpressionScope> = {}): ExpressionScope {
  return {
    trigger: { body: { text: 'Our launch is live', tags: ['launch', 'Build in public'] }, headers: {}, receivedAt: '2025-06-07T07:30:00Z' },
    nodes: { fetch: { status: 200, headers: {}, body: { title: 'Release notes', ideas: ['ship it', 'tell people'] } } },
    vars: { count: 3 },
    run: { id: 'run_1', startedAt: '2025-06-07T07:30:00Z' },
    ...overrides,
  };
}

/**
 * A webhook delivers a text; if it mentions the launch it is posted, otherwise the team is
 * told; a failed post alerts the team too. Overrides replace top-level parts.
 *
 * @example
 * const input = launchWorkflowInput({ edges: [] });
 */
export function launchWorkflowInput(overrides: Partial<WorkflowDefinitionInput> = {}): WorkflowDefinitionInput {
  return {
    trigger: { type: 'webhook', params: { requireSignature: true } },
    nodes: [
      { id: 'check', type: 'if', params: { condition: "{{ $contains(trigger.body.text, 'launch') }}" } },
      { id: 'post', type: 'x.post', params: { accountId: ACCOUNT_ID, text: '{{ trigger.body.text }}' } },
      { id: 'skipped', type: 'notify', params: { channel: 'in_app', title: 'Not posted', body: 'No launch in: {{ trigger.body.text }}' } },
      { id: 'alert', type: 'notify', params: { channel: 'in_app', title: 'Post failed', body: 'Could not post {{ trigger.body.text }}' } },
    ],
    edges: [
      { from: 'trigger', to: 'check', label: 'next' },
      { from: 'check', to: 'post', label: 'true' },
      { from: 'check', to: 'skipped', label: 'false' },
      { from: 'post', to: 'alert', label: 'error' },
    ],
    ...overrides,
  };
}

/** `launchWorkflowInput` parsed, with defaults filled in. */
export function launchWorkflow(overrides: Partial<WorkflowDefinitionInput> = {}): WorkflowDefinition {
  return workflowDefinitionSchema.parse(launchWorkflowInput(overrides));
}
