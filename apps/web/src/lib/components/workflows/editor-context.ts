import { getContext, setContext } from 'svelte';
import type { XAccount } from '#lib/client/api-types.ts';
import type { WorkflowProblem } from '#lib/client/workflow-types.ts';
import type { NodeRunState } from './run-tracker.svelte.ts';

/**
 * What the canvas's node components read besides their own data: validation problems,
 * the shown run's state per node, breakpoints. Kept out of the nodes' data so that it
 * never enters the undo history or the saved definition.
 */
export type EditorContext = {
  readonly problems: readonly WorkflowProblem[];
  readonly runStates: Readonly<Record<string, NodeRunState>>;
  readonly breakpoints: ReadonlySet<string>;
  readonly accounts: readonly XAccount[];
  readonly readonly: boolean;
  toggleBreakpoint(nodeId: string): void;
};

const KEY = Symbol('workflow-editor');

export function setEditorContext(context: EditorContext): void {
  setContext(KEY, context);
}

export function editorContext(): EditorContext {
  return getContext<EditorContext>(KEY);
}

/** A node's problems (the trigger's are at `'trigger'`). */
export function problemsOf(problems: readonly WorkflowProblem[], nodeId: string): WorkflowProblem[] {
  return problems.filter((problem) => problem.nodeId === nodeId);
}

/**
 * The problem message for a field, without the field path the validator puts in front.
 *
 * @example
 * fieldMessage({ field: 'params.accountId', message: 'params.accountId: choose an X account', nodeId: 'post' }); // 'choose an X account'
 */
export function fieldMessage(problem: WorkflowProblem): string {
  if (!problem.field) return problem.message;
  const prefix = new RegExp(`^(In )?${problem.field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(:| is)\\s*`);
  const message = problem.message.replace(prefix, (_match, _in, separator: string) => (separator === ' is' ? 'This is ' : ''));
  return message.charAt(0).toUpperCase() + message.slice(1);
}
