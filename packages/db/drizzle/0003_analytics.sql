CREATE TYPE "public"."outbound_email_status" AS ENUM('stored', 'sent', 'failed');--> statement-breakpoint
CREATE TYPE "public"."report_kind" AS ENUM('daily', 'weekly');--> statement-breakpoint
CREATE TYPE "public"."alert_rule_kind" AS ENUM('publish_failed', 'account_needs_reauth', 'rate_limit_budget', 'engagement_drop', 'follower_drop', 'workflow_failed');--> statement-breakpoint
CREATE TABLE "account_metric_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"x_account_id" uuid NOT NULL,
	"captured_at" timestamp with time zone NOT NULL,
	"followers" integer NOT NULL,
	"following" integer NOT NULL,
	"posts" integer NOT NULL,
	"listed" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "post_metric_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"tracked_post_id" uuid NOT NULL,
	"captured_at" timestamp with time zone NOT NULL,
	"impressions" integer NOT NULL,
	"likes" integer NOT NULL,
	"reposts" integer NOT NULL,
	"replies" integer NOT NULL,
	"quotes" integer NOT NULL,
	"bookmarks" integer NOT NULL,
	"url_link_clicks" integer,
	"profile_clicks" integer,
	"engagements" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tracked_posts" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"x_account_id" uuid NOT NULL,
	"x_post_id" text NOT NULL,
	"post_item_id" uuid,
	"text" text DEFAULT '' NOT NULL,
	"posted_at" timestamp with time zone NOT NULL,
	"next_poll_at" timestamp with time zone,
	"last_polled_at" timestamp with time zone,
	"impressions" integer DEFAULT 0 NOT NULL,
	"likes" integer DEFAULT 0 NOT NULL,
	"reposts" integer DEFAULT 0 NOT NULL,
	"replies" integer DEFAULT 0 NOT NULL,
	"quotes" integer DEFAULT 0 NOT NULL,
	"bookmarks" integer DEFAULT 0 NOT NULL,
	"url_link_clicks" integer,
	"profile_clicks" integer,
	"engagements" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tracked_posts_xAccountId_xPostId_unique" UNIQUE("x_account_id","x_post_id")
);
--> statement-breakpoint
CREATE TABLE "competitor_api_usage" (
	"workspace_id" uuid NOT NULL,
	"day" date NOT NULL,
	"calls" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "competitor_api_usage_workspace_id_day_pk" PRIMARY KEY("workspace_id","day")
);
--> statement-breakpoint
CREATE TABLE "competitor_posts" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"competitor_id" uuid NOT NULL,
	"x_post_id" text NOT NULL,
	"text" text NOT NULL,
	"posted_at" timestamp with time zone NOT NULL,
	"impressions" integer NOT NULL,
	"likes" integer NOT NULL,
	"reposts" integer NOT NULL,
	"replies" integer NOT NULL,
	"quotes" integer NOT NULL,
	"bookmarks" integer NOT NULL,
	"engagements" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "competitor_posts_competitorId_xPostId_unique" UNIQUE("competitor_id","x_post_id")
);
--> statement-breakpoint
CREATE TABLE "competitor_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"competitor_id" uuid NOT NULL,
	"captured_at" timestamp with time zone NOT NULL,
	"followers" integer NOT NULL,
	"following" integer NOT NULL,
	"posts" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "competitors" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"x_user_id" text NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"profile_image_url" text,
	"via_x_account_id" uuid,
	"next_collect_at" timestamp with time zone NOT NULL,
	"last_collected_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "competitors_workspaceId_xUserId_unique" UNIQUE("workspace_id","x_user_id")
);
--> statement-breakpoint
CREATE TABLE "outbound_emails" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"workspace_id" uuid,
	"kind" text NOT NULL,
	"to" text[] NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"html" text NOT NULL,
	"status" "outbound_email_status" DEFAULT 'stored' NOT NULL,
	"error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"daily" boolean DEFAULT false NOT NULL,
	"weekly" boolean DEFAULT true NOT NULL,
	"send_hour" integer DEFAULT 8 NOT NULL,
	"email" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"kind" "report_kind" NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"timezone" text NOT NULL,
	"label" text NOT NULL,
	"figures" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reports_workspaceId_kind_periodStart_unique" UNIQUE("workspace_id","kind","period_start")
);
--> statement-breakpoint
CREATE TABLE "alert_incidents" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"rule_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"incident_key" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link" text,
	"count" integer DEFAULT 1 NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "alert_rules" (
	"id" uuid PRIMARY KEY DEFAULT uuidv7() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"kind" "alert_rule_kind" NOT NULL,
	"x_account_id" uuid,
	"threshold" double precision,
	"in_app" boolean DEFAULT true NOT NULL,
	"email" boolean DEFAULT false NOT NULL,
	"webhook_url" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"snoozed_until" timestamp with time zone,
	"checked_until" timestamp with time zone NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "account_metric_snapshots" ADD CONSTRAINT "account_metric_snapshots_x_account_id_x_accounts_id_fk" FOREIGN KEY ("x_account_id") REFERENCES "public"."x_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_metric_snapshots" ADD CONSTRAINT "post_metric_snapshots_tracked_post_id_tracked_posts_id_fk" FOREIGN KEY ("tracked_post_id") REFERENCES "public"."tracked_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracked_posts" ADD CONSTRAINT "tracked_posts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracked_posts" ADD CONSTRAINT "tracked_posts_x_account_id_x_accounts_id_fk" FOREIGN KEY ("x_account_id") REFERENCES "public"."x_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracked_posts" ADD CONSTRAINT "tracked_posts_post_item_id_post_items_id_fk" FOREIGN KEY ("post_item_id") REFERENCES "public"."post_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competitor_api_usage" ADD CONSTRAINT "competitor_api_usage_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competitor_posts" ADD CONSTRAINT "competitor_posts_competitor_id_competitors_id_fk" FOREIGN KEY ("competitor_id") REFERENCES "public"."competitors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competitor_snapshots" ADD CONSTRAINT "competitor_snapshots_competitor_id_competitors_id_fk" FOREIGN KEY ("competitor_id") REFERENCES "public"."competitors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competitors" ADD CONSTRAINT "competitors_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competitors" ADD CONSTRAINT "competitors_via_x_account_id_x_accounts_id_fk" FOREIGN KEY ("via_x_account_id") REFERENCES "public"."x_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_emails" ADD CONSTRAINT "outbound_emails_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_settings" ADD CONSTRAINT "report_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_incidents" ADD CONSTRAINT "alert_incidents_rule_id_alert_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."alert_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_incidents" ADD CONSTRAINT "alert_incidents_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_x_account_id_x_accounts_id_fk" FOREIGN KEY ("x_account_id") REFERENCES "public"."x_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_metric_snapshots_x_account_id_captured_at_index" ON "account_metric_snapshots" USING btree ("x_account_id","captured_at");--> statement-breakpoint
CREATE INDEX "post_metric_snapshots_tracked_post_id_captured_at_index" ON "post_metric_snapshots" USING btree ("tracked_post_id","captured_at");--> statement-breakpoint
CREATE INDEX "tracked_posts_x_account_id_next_poll_at_index" ON "tracked_posts" USING btree ("x_account_id","next_poll_at");--> statement-breakpoint
CREATE INDEX "tracked_posts_workspace_id_posted_at_index" ON "tracked_posts" USING btree ("workspace_id","posted_at");--> statement-breakpoint
CREATE INDEX "tracked_posts_post_item_id_index" ON "tracked_posts" USING btree ("post_item_id");--> statement-breakpoint
CREATE INDEX "competitor_posts_competitor_id_posted_at_index" ON "competitor_posts" USING btree ("competitor_id","posted_at");--> statement-breakpoint
CREATE INDEX "competitor_snapshots_competitor_id_captured_at_index" ON "competitor_snapshots" USING btree ("competitor_id","captured_at");--> statement-breakpoint
CREATE INDEX "competitors_next_collect_at_index" ON "competitors" USING btree ("next_collect_at");--> statement-breakpoint
CREATE INDEX "outbound_emails_workspace_id_created_at_index" ON "outbound_emails" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "reports_workspace_id_created_at_index" ON "reports" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "alert_incidents_open_key" ON "alert_incidents" USING btree ("rule_id","incident_key") WHERE "alert_incidents"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "alert_incidents_workspace_id_last_seen_at_index" ON "alert_incidents" USING btree ("workspace_id","last_seen_at");--> statement-breakpoint
CREATE INDEX "alert_rules_workspace_id_index" ON "alert_rules" USING btree ("workspace_id");