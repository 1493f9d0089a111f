CREATE TABLE "status_component_contracts" (
	"component_id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	CONSTRAINT "status_component_contracts_component_id_contract_id_pk" PRIMARY KEY("component_id","contract_id")
);
--> statement-breakpoint
CREATE TABLE "status_component_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "status_component_groups_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "status_component_intervals" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"component_id" uuid NOT NULL,
	"state" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "status_components" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"group_id" uuid,
	"is_public" boolean DEFAULT true NOT NULL,
	"state" text DEFAULT 'operational' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_incident_components" (
	"incident_id" uuid NOT NULL,
	"component_id" uuid NOT NULL,
	CONSTRAINT "status_incident_components_incident_id_component_id_pk" PRIMARY KEY("incident_id","component_id")
);
--> statement-breakpoint
CREATE TABLE "status_incident_tickets" (
	"incident_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "status_incident_tickets_incident_id_ticket_id_pk" PRIMARY KEY("incident_id","ticket_id")
);
--> statement-breakpoint
CREATE TABLE "status_incident_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"status" text NOT NULL,
	"body" text NOT NULL,
	"component_states" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"impact" text NOT NULL,
	"status" text NOT NULL,
	"is_published" boolean NOT NULL,
	"postmortem" text,
	"started_at" timestamp with time zone NOT NULL,
	"identified_at" timestamp with time zone,
	"monitoring_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_maintenance_components" (
	"maintenance_id" uuid NOT NULL,
	"component_id" uuid NOT NULL,
	CONSTRAINT "status_maintenance_components_maintenance_id_component_id_pk" PRIMARY KEY("maintenance_id","component_id")
);
--> statement-breakpoint
CREATE TABLE "status_maintenance_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"maintenance_id" uuid NOT NULL,
	"status" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_maintenances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"is_published" boolean DEFAULT true NOT NULL,
	"scheduled_for" timestamp with time zone NOT NULL,
	"scheduled_until" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_page_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"name" text DEFAULT 'Service status' NOT NULL,
	"webhook_allowed_hosts" text[] DEFAULT '{}'::text[] NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"email" text,
	"url" text,
	"secret" text,
	"language" text DEFAULT 'en' NOT NULL,
	"component_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"confirm_token_hash" text,
	"unsubscribe_token_hash" text NOT NULL,
	"confirmed_at" timestamp with time zone,
	"created_by_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subscription_id" uuid NOT NULL,
	"dedupe_key" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone,
	CONSTRAINT "status_webhook_deliveries_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
ALTER TABLE "status_component_contracts" ADD CONSTRAINT "status_component_contracts_component_id_status_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."status_components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_component_contracts" ADD CONSTRAINT "status_component_contracts_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_component_intervals" ADD CONSTRAINT "status_component_intervals_component_id_status_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."status_components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_components" ADD CONSTRAINT "status_components_group_id_status_component_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."status_component_groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_incident_components" ADD CONSTRAINT "status_incident_components_incident_id_status_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."status_incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_incident_components" ADD CONSTRAINT "status_incident_components_component_id_status_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."status_components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_incident_tickets" ADD CONSTRAINT "status_incident_tickets_incident_id_status_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."status_incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_incident_tickets" ADD CONSTRAINT "status_incident_tickets_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_incident_updates" ADD CONSTRAINT "status_incident_updates_incident_id_status_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."status_incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_maintenance_components" ADD CONSTRAINT "status_maintenance_components_maintenance_id_status_maintenances_id_fk" FOREIGN KEY ("maintenance_id") REFERENCES "public"."status_maintenances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_maintenance_components" ADD CONSTRAINT "status_maintenance_components_component_id_status_components_id_fk" FOREIGN KEY ("component_id") REFERENCES "public"."status_components"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_maintenance_updates" ADD CONSTRAINT "status_maintenance_updates_maintenance_id_status_maintenances_id_fk" FOREIGN KEY ("maintenance_id") REFERENCES "public"."status_maintenances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_subscriptions" ADD CONSTRAINT "status_subscriptions_created_by_id_people_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_webhook_deliveries" ADD CONSTRAINT "status_webhook_deliveries_subscription_id_status_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."status_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "status_component_contracts_contract_idx" ON "status_component_contracts" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "status_component_intervals_component_idx" ON "status_component_intervals" USING btree ("component_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "status_component_intervals_open_unique" ON "status_component_intervals" USING btree ("component_id") WHERE ended_at IS NULL;--> statement-breakpoint
CREATE INDEX "status_components_group_idx" ON "status_components" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "status_incident_tickets_ticket_idx" ON "status_incident_tickets" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "status_incident_updates_incident_idx" ON "status_incident_updates" USING btree ("incident_id","created_at");--> statement-breakpoint
CREATE INDEX "status_incidents_started_idx" ON "status_incidents" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "status_maintenance_updates_idx" ON "status_maintenance_updates" USING btree ("maintenance_id","created_at");--> statement-breakpoint
CREATE INDEX "status_maintenances_window_idx" ON "status_maintenances" USING btree ("scheduled_for");--> statement-breakpoint
CREATE UNIQUE INDEX "status_subscriptions_confirm_idx" ON "status_subscriptions" USING btree ("confirm_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "status_subscriptions_unsubscribe_idx" ON "status_subscriptions" USING btree ("unsubscribe_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "status_subscriptions_email_unique" ON "status_subscriptions" USING btree ("email");--> statement-breakpoint
CREATE INDEX "status_webhook_deliveries_subscription_idx" ON "status_webhook_deliveries" USING btree ("subscription_id");--> statement-breakpoint
CREATE TABLE "status_subscribe_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"address" text NOT NULL,
	"ip" text,
	"attempted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "status_subscribe_attempts_address_idx" ON "status_subscribe_attempts" USING btree ("address","attempted_at");--> statement-breakpoint
CREATE INDEX "status_subscribe_attempts_ip_idx" ON "status_subscribe_attempts" USING btree ("ip","attempted_at");