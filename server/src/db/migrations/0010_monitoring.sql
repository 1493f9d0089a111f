CREATE TABLE "monitor_checks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"monitor_id" uuid NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	"ok" boolean NOT NULL,
	"latency_ms" integer,
	"message" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitor_rollups" (
	"monitor_id" uuid NOT NULL,
	"period" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"checks" integer NOT NULL,
	"failures" integer NOT NULL,
	"latency_ms_sum" bigint NOT NULL,
	"latency_ms_max" integer NOT NULL,
	CONSTRAINT "monitor_rollups_monitor_id_period_starts_at_pk" PRIMARY KEY("monitor_id","period","starts_at")
);
--> statement-breakpoint
CREATE TABLE "monitors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"target" text NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"interval_seconds" integer NOT NULL,
	"timeout_ms" integer NOT NULL,
	"failures_before_down" integer NOT NULL,
	"successes_before_up" integer NOT NULL,
	"phase_ms" integer NOT NULL,
	"component_id" uuid,
	"urgency" text NOT NULL,
	"impact" text NOT NULL,
	"group_id" uuid,
	"publish_incident" boolean DEFAULT false NOT NULL,
	"heartbeat_secret_hash" text,
	"heartbeat_period_seconds" integer,
	"last_heartbeat_at" timestamp with time zone,
	"last_heartbeat_failed" boolean DEFAULT false NOT NULL,
	"state" text NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"consecutive_successes" integer DEFAULT 0 NOT NULL,
	"state_changed_at" timestamp with time zone NOT NULL,
	"next_check_at" timestamp with time zone,
	"last_checked_at" timestamp with time zone,
	"last_message" text,
	"open_ticket_id" uuid,
	"open_status_incident_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "monitors_interval_check" CHECK ("monitors"."interval_seconds" >= 10),
	CONSTRAINT "monitors_thresholds_check" CHECK ("monitors"."failures_before_down" >= 1 AND "monitors"."successes_before_up" >= 1)
);
--> statement-breakpoint
ALTER TABLE "monitor_checks" ADD CONSTRAINT "monitor_checks_monitor_id_monitors_id_fk" FOREIGN KEY ("monitor_id") REFERENCES "public"."monitors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitor_rollups" ADD CONSTRAINT "monitor_rollups_monitor_id_monitors_id_fk" FOREIGN KEY ("monitor_id") REFERENCES "public"."monitors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitors" ADD CONSTRAINT "monitors_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitors" ADD CONSTRAINT "monitors_open_ticket_id_tickets_id_fk" FOREIGN KEY ("open_ticket_id") REFERENCES "public"."tickets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "monitor_checks_monitor_idx" ON "monitor_checks" USING btree ("monitor_id","checked_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "monitor_checks_checked_idx" ON "monitor_checks" USING btree ("checked_at");--> statement-breakpoint
CREATE INDEX "monitor_rollups_starts_idx" ON "monitor_rollups" USING btree ("starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "monitors_name_key" ON "monitors" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "monitors_heartbeat_secret_key" ON "monitors" USING btree ("heartbeat_secret_hash");--> statement-breakpoint
CREATE INDEX "monitors_next_check_idx" ON "monitors" USING btree ("next_check_at") WHERE next_check_at IS NOT NULL;