import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { appRouter } from './root';
import { createApiContext, type ApiContext } from './context';
import { createApiHarness, type ApiHarness } from './testing/harness';
import { createCallerFactory, createTRPCRouter, protectedProcedure, publicProcedure } from './trpc';

describe('api', () => {
  let harness: ApiHarness;
  let deps: Omit<ApiContext, 'caller'>;

  beforeAll(async () => {
    harness = await createApiHarness();
    deps = harness.deps;
  });
  afterAll(() => harness.close());

  it('health.check reports database and queue readiness', async () => {
    const caller = createCallerFactory(appRouter)(createApiContext(deps, null));
    const health = await caller.health.check();
    expect(health).toMatchObject({ ok: true, database: 'ok', queue: 'ok' });
    expect(health.time).toBeInstanceOf(Date);
  });

  // A throwaway router exercising the shared procedures and error formatting.
  const probeRouter = createTRPCRouter({
    whoami: protectedProcedure.query(({ ctx }) => ctx.caller.userId),
    echo: publicProcedure
      .input(z.object({ text: z.string().max(5, 'must be at most 5 characters'), count: z.number().int() }))
      .mutation(({ input }) => input.text),
    explode: publicProcedure.query(() => {
      throw new Error('database password is hunter2');
    }),
  });

  it('protectedProcedure refuses anonymous callers with a readable message', async () => {
    const caller = createCallerFactory(probeRouter)(createApiContext(deps, null));
    await expect(caller.whoami()).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'Please sign in to continue.' });
    const signedIn = createCallerFactory(probeRouter)(createApiContext(deps, { kind: 'session', userId: 'u1', sessionId: 's1' }));
    await expect(signedIn.whoami()).resolves.toBe('u1');
  });

  it('formats invalid input as one readable line per field and hides internal errors', async () => {
    const caller = createCallerFactory(probeRouter)(createApiContext(deps, null));
    const invalid = await caller.echo({ text: 'too long', count: 1.5 }).catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(TRPCError);
    expect((invalid as TRPCError).code).toBe('BAD_REQUEST');

    const { formatApiError } = await import('./errors');
    const shape = formatApiError({
      error: invalid as TRPCError,
      shape: { code: -32600, message: 'raw', data: { code: 'BAD_REQUEST', httpStatus: 400, stack: 'at secret.ts:1' } },
    });
    expect(shape.message).toBe('Invalid input: text: must be at most 5 characters; count: Invalid input: expected int, received number');
    expect(shape.data.issues).toHaveLength(2);
    expect(shape.data).not.toHaveProperty('stack');

    const internal = await caller.explode().catch((error: unknown) => error);
    const internalShape = formatApiError({
      error: internal as TRPCError,
      shape: { code: -32603, message: 'database password is hunter2', data: { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500 } },
    });
    expect(internalShape.message).not.toContain('hunter2');
    expect(internalShape.message).toContain('Something went wrong on our side');
  });
});
