// Factories shared by this package's specs.
import type { ExpressionScope } from './expressions';

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
