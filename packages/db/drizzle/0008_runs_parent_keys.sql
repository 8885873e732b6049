-- A run's workspace and version are its workflow's, and the workflow's own key removes its
-- runs (and its versions) with it. Checking these two keys took a key-share lock on the
-- workspace row for every run inserted, so all of a workspace's webhook batches locked the
-- one row (shared row locks between concurrent transactions become multixacts). Without
-- them the runs' insert took 35 % less of PostgreSQL's time (`pnpm bench workflows`,
-- `pg_stat_statements`: 2.45 → 1.59 s for 20,000 runs).
ALTER TABLE "workflow_runs" DROP CONSTRAINT "workflow_runs_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "workflow_runs" DROP CONSTRAINT "workflow_runs_version_id_workflow_versions_id_fk";
