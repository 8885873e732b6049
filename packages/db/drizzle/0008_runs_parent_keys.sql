-- A run's workspace and version are its workflow's, and the workflow's own key removes its
-- runs (and its versions) with it. Checking these two keys took a key-share lock on the
-- workspace row for every run inserted: all of a workspace's webhook batches queued on the
-- one row (shared row locks between concurrent transactions become multixacts), and the
-- checks were 40 % of PostgreSQL's time inserting runs (`pnpm bench workflows`).
ALTER TABLE "workflow_runs" DROP CONSTRAINT "workflow_runs_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "workflow_runs" DROP CONSTRAINT "workflow_runs_version_id_workflow_versions_id_fk";
