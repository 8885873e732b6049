import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataExports, sessions, users, xAccounts } from '@tweetflow/db';
import { buildDataExport } from './build-data-export';
import { signExportLink, verifyExportLink } from './export-links';
import { openDataExportDownload } from './download-data-export';
import { listDataExports, requestDataExport } from './request-data-export';
import { startPrivacyWorld, type PrivacyWorld, type SeededPerson } from './test-world';

let world: PrivacyWorld;
let ada: SeededPerson;
beforeAll(async () => {
  world = await startPrivacyWorld();
  ada = await world.seedPerson('Ada');
});
afterAll(() => world.close());

async function exportAndUnzip(workspaceId: string | null): Promise<Record<string, Uint8Array>> {
  const { db } = world.deps;
  const { exportId } = await requestDataExport(db, world.boss, world.deps.clock, { userId: ada.userId, workspaceId });
  await buildDataExport(world.deps, exportId);
  const [row] = await db.select().from(dataExports).where(eq(dataExports.id, exportId));
  expect(row).toMatchObject({ status: 'ready', progress: 1 });
  return unzipSync(await readFile(path.join(world.deps.exports.root, row!.fileKey!)));
}

const json = (files: Record<string, Uint8Array>, name: string) => JSON.parse(strFromU8(files[name]!)) as Array<Record<string, unknown>>;

describe('personal data export', () => {
  let files: Record<string, Uint8Array>;
  beforeAll(async () => {
    files = await exportAndUnzip(null);
  });

  it('holds every category of the person’s data, with media files', () => {
    for (const table of [
      'users',
      'sessions',
      'workspaces',
      'workspace_members',
      'api_tokens',
      'x_accounts',
      'posts',
      'post_items',
      'publish_attempts',
      'media',
      'workflows',
      'workflow_versions',
      'workflow_runs',
      'workflow_steps',
      'tracked_posts',
      'post_metric_snapshots',
      'notifications',
      'alert_rules',
      'audit_entries',
      'workspace_invites',
      'data_exports',
    ]) {
      expect(Object.keys(files), `data/${table}.json`).toContain(`data/${table}.json`);
    }
    expect(json(files, 'data/users.json')).toEqual([expect.objectContaining({ id: ada.userId, email: ada.email, display_name: 'Ada' })]);
    // The personal workspace in full, the shared one by name; the post written there is included.
    expect(json(files, 'data/workspaces.json').map((w) => w.id).sort()).toEqual([ada.workspaceId, ada.sharedWorkspaceId].sort());
    expect(json(files, 'data/posts.json').map((p) => p.workspace_id).sort()).toEqual([ada.workspaceId, ada.sharedWorkspaceId].sort());
    expect(json(files, 'data/audit_entries.json').map((e) => e.action).sort()).toEqual(['auth.signed_in', 'export.requested', 'member.role_changed']);
    const mediaFiles = Object.keys(files).filter((name) => name.startsWith('media/'));
    expect(mediaFiles).toHaveLength(1);
    expect(mediaFiles[0]).toMatch(/chart\.png$/);
    expect(JSON.parse(strFromU8(files['manifest.json']!)).media).toEqual({ files: 1, missing: [] });
  });

  it('never contains a password, token, token hash, session id, ciphertext or webhook secret', async () => {
    const { db } = world.deps;
    const everything = Object.entries(files)
      .filter(([name]) => !name.startsWith('media/'))
      .map(([, bytes]) => strFromU8(bytes))
      .join('\n');
    const [user] = await db.select().from(users).where(eq(users.id, ada.userId));
    const [account] = await db.select().from(xAccounts).where(eq(xAccounts.workspaceId, ada.workspaceId));
    const sessionIds = (await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, ada.userId))).map((s) => s.id);
    const forbidden = [
      ...Object.values(ada.secrets),
      user!.passwordHash!,
      account!.accessTokenCiphertext,
      account!.refreshTokenCiphertext!,
      ...sessionIds,
      'hash-1',
      'test:cipher1',
    ];
    for (const secret of forbidden) expect(everything, `contains ${secret.slice(0, 12)}…`).not.toContain(secret);
    for (const name of ['password_hash', 'token_hash', 'access_token_ciphertext', 'webhook_secret_ciphertext', 'webhook_url']) {
      expect(everything).not.toContain(`"${name}"`);
    }
    // The HTTP step's Authorization header is kept as a key with its value removed.
    expect(json(files, 'data/workflow_steps.json')[0]!.input).toEqual({ url: 'https://example.com', headers: { Authorization: '[removed]' } });
  });
});

describe('workspace export', () => {
  it('holds the workspace’s content and none of the other workspace’s', async () => {
    const files = await exportAndUnzip(ada.workspaceId);
    expect(json(files, 'data/workspaces.json').map((w) => w.id)).toEqual([ada.workspaceId]);
    expect(json(files, 'data/posts.json').every((p) => p.workspace_id === ada.workspaceId)).toBe(true);
    expect(Object.keys(files)).toContain('data/workflow_runs.json');
    expect(Object.keys(files)).not.toContain('data/users.json');
  });
});

describe('download links', () => {
  it('are signed, expire, and open only ready exports', async () => {
    const { db, clock } = world.deps;
    const [ready] = await listDataExports(db, { userId: ada.userId, workspaceId: null });
    expect(ready).toMatchObject({ status: 'ready' });
    const key = Buffer.alloc(32, 7);
    const link = new URL(signExportLink(key, ready!.id, ready!.expiresAt!), 'http://localhost');
    expect(verifyExportLink(key, ready!.id, link.searchParams, clock.now())).toEqual({ ok: true });
    expect(verifyExportLink(key, ready!.id, link.searchParams, new Date(ready!.expiresAt!.getTime() + 1000))).toEqual({ ok: false, problem: 'expired' });
    expect(verifyExportLink(Buffer.alloc(32, 8), ready!.id, link.searchParams, clock.now())).toEqual({ ok: false, problem: 'invalid' });
    const tampered = new URLSearchParams(link.searchParams);
    tampered.set('expires', String(Number(tampered.get('expires')) + 86_400));
    expect(verifyExportLink(key, ready!.id, tampered, clock.now())).toEqual({ ok: false, problem: 'invalid' });

    const download = await openDataExportDownload(db, clock, world.deps.exports, { exportId: ready!.id });
    download.stream.destroy();
    expect(download.fileName).toMatch(/^tweetflow-personal-export-\d{4}-\d{2}-\d{2}\.zip$/);
    await db.update(dataExports).set({ expiresAt: new Date(clock.now().getTime() - 1) }).where(eq(dataExports.id, ready!.id));
    await expect(openDataExportDownload(db, clock, world.deps.exports, { exportId: ready!.id })).rejects.toThrow('This export has expired');
  });

  it('refuses a second export while one is being prepared', async () => {
    const { db, clock } = world.deps;
    await requestDataExport(db, world.boss, clock, { userId: ada.userId, workspaceId: null });
    await expect(requestDataExport(db, world.boss, clock, { userId: ada.userId, workspaceId: null })).rejects.toThrow('already being prepared');
  });
});
