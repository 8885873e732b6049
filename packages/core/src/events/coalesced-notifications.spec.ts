import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@tweetflow/db/testing';
import { sendTogether } from './coalesced-notifications';
import { emitWorkspaceEvents, parseEnvelope, WORKSPACE_EVENTS_CHANNEL, type Envelope } from './workspace-events';

let database: TestDatabase;
let listener: postgres.Sql;
const received: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  listener = postgres(database.url, { max: 1, onnotice: () => {} });
  await listener.listen(WORKSPACE_EVENTS_CHANNEL, (payload) => {
    const envelope = parseEnvelope(payload);
    if (envelope?.event.type === 'run.changed') received.push(envelope.event.runId);
  });
});
afterAll(async () => {
  await listener.end({ timeout: 5 });
  await database.close();
});

const runChanged = (runId: string): Envelope => ({ workspaceId: 'workspace', event: { type: 'run.changed', runId, workflowId: 'workflow', status: 'running', nodeId: null, stepStatus: null, error: null } });
const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `${prefix}-${index}`);

describe('announcing committed changes together', () => {
  it('sends the calls that arrive while a statement is out in the next one, each notification once and in order', async () => {
    received.length = 0;
    const statements: string[][] = [];
    const send = async (payloads: string[]) => {
      statements.push(payloads.map((payload) => (JSON.parse(payload) as { event: { runId: string } }).event.runId));
      await database.db.execute(sql`select pg_notify(${WORKSPACE_EVENTS_CHANNEL}, payload) from json_array_elements_text(${JSON.stringify(payloads)}::json) as payload`);
    };
    await Promise.all(ids('together', 20).map((runId) => sendTogether(database.db, [JSON.stringify(runChanged(runId))], send)));

    // The first goes alone; the other nineteen were waiting for it and go as one.
    expect(statements.map((batch) => batch.length)).toEqual([1, 19]);
    await expect.poll(() => received.length).toBe(20);
    expect(received).toEqual(ids('together', 20));
  });

  it('tells every waiting caller when its statement fails, and the lane goes on with the next', async () => {
    let calls = 0;
    const send = async () => {
      calls++;
      if (calls === 2) throw new Error('connection lost');
    };
    const outcomes = await Promise.allSettled(ids('failing', 4).map((runId) => sendTogether(database.db, [runId], send)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'rejected']);
    await expect(sendTogether(database.db, ['after'], send)).resolves.toBeUndefined();
  });

  it('emitWorkspaceEvents announces committed changes through the lane, and a transaction\'s with its commit', async () => {
    received.length = 0;
    await Promise.all(ids('emitted', 5).map((runId) => emitWorkspaceEvents(database.db, [runChanged(runId)], { asynchronousCommit: true })));
    await database.db.transaction((tx) => emitWorkspaceEvents(tx, [runChanged('in-transaction')]));
    await expect.poll(() => received.length).toBe(6);
    expect(received).toEqual([...ids('emitted', 5), 'in-transaction']);
  });
});
