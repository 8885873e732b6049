-- A run row is written three times in a few milliseconds: inserted, claimed by the worker
-- (status and indexed columns unchanged) and ended. Room left on each page lets the claim
-- update the row in place (a HOT update) instead of adding an entry to each of its indexes.
ALTER TABLE "workflow_runs" SET (fillfactor = 70);
