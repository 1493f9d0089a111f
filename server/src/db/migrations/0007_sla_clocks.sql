CREATE TABLE "sla_alerts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"clock" text NOT NULL,
	"cycle" integer DEFAULT 0 NOT NULL,
	"key" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_clock_ledger" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"clock" text NOT NULL,
	"generation" integer NOT NULL,
	"cycle" integer DEFAULT 0 NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"state" text NOT NULL,
	"reason" text,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_clocks" (
	"ticket_id" uuid NOT NULL,
	"clock" text NOT NULL,
	"state" text NOT NULL,
	"target_minutes" integer NOT NULL,
	"used_minutes" double precision NOT NULL,
	"due_at" timestamp with time zone,
	"stopped_at" timestamp with time zone,
	"breached_at" timestamp with time zone,
	"cycle" integer DEFAULT 0 NOT NULL,
	"warnings" jsonb NOT NULL,
	"generation" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ticket_clocks_ticket_id_clock_pk" PRIMARY KEY("ticket_id","clock")
);
--> statement-breakpoint
CREATE TABLE "ticket_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"assignee_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone,
	"done_by_id" uuid
);
--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "contract_version_id" uuid;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "auto_close_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "next_deadline_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sla_alerts" ADD CONSTRAINT "sla_alerts_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_clock_ledger" ADD CONSTRAINT "ticket_clock_ledger_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_clocks" ADD CONSTRAINT "ticket_clocks_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_tasks" ADD CONSTRAINT "ticket_tasks_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_tasks" ADD CONSTRAINT "ticket_tasks_assignee_id_people_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_tasks" ADD CONSTRAINT "ticket_tasks_done_by_id_people_id_fk" FOREIGN KEY ("done_by_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sla_alerts_once" ON "sla_alerts" USING btree ("ticket_id","clock","cycle","key");--> statement-breakpoint
CREATE INDEX "ticket_clock_ledger_ticket_idx" ON "ticket_clock_ledger" USING btree ("ticket_id","id");--> statement-breakpoint
CREATE INDEX "ticket_clocks_due_idx" ON "ticket_clocks" USING btree ("state","due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ticket_tasks_once" ON "ticket_tasks" USING btree ("ticket_id","kind");--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_contract_version_id_contract_versions_id_fk" FOREIGN KEY ("contract_version_id") REFERENCES "public"."contract_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tickets_next_deadline_idx" ON "tickets" USING btree ("next_deadline_at") WHERE next_deadline_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "tickets_contract_version_idx" ON "tickets" USING btree ("contract_version_id");--> statement-breakpoint
-- Tickets that existed before the clocks were stored: each runs under the version in force when it was opened, and
-- the sweep computes its clocks at once (a due instant in the past is recorded as the breach it was).
UPDATE "tickets" t SET
	"contract_version_id" = (
		SELECT cv."id" FROM "contract_versions" cv JOIN "contracts" c ON c."id" = cv."contract_id"
		WHERE c."organisation_id" = t."organisation_id" AND cv."effective_from" <= t."created_at"
		ORDER BY cv."effective_from" DESC, cv."version" DESC LIMIT 1),
	"next_deadline_at" = CASE WHEN t."status_kind" <> 'closed' THEN now() END;
