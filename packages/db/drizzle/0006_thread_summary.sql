ALTER TABLE "posts" ADD COLUMN "first_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "item_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Existing posts take their summary from their items (written by hand, not generated).
UPDATE "posts" SET "first_text" = "thread"."first_text", "item_count" = "thread"."item_count"
FROM (
  SELECT "post_id", count(*)::int AS "item_count", (array_agg("text" ORDER BY "position"))[1] AS "first_text"
  FROM "post_items" GROUP BY "post_id"
) AS "thread"
WHERE "posts"."id" = "thread"."post_id";
