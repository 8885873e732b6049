import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@tweetflow/api';

type Outputs = inferRouterOutputs<AppRouter>;

/** What the privacy, audit and retention procedures return, as the pages name it. */
export type DataExport = Outputs['privacy']['exports'][number];
export type PendingDeletions = Outputs['privacy']['deletions'];
export type AuditEntry = Outputs['audit']['list'][number];
export type AuditAction = Outputs['audit']['actions'][number];
export type RetentionSetting = Outputs['retention']['get'][number];
