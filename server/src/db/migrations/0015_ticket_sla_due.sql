ALTER TABLE "tickets" ADD COLUMN "sla_due_at" timestamp with time zone;--> statement-breakpoint
-- The soonest due of each ticket's running clocks, as the SLA sync keeps it from now on.
UPDATE "tickets" t SET "sla_due_at" = (
  SELECT min(c."due_at") FROM "ticket_clocks" c WHERE c."ticket_id" = t."id" AND c."state" = 'running'
) WHERE EXISTS (SELECT 1 FROM "ticket_clocks" c WHERE c."ticket_id" = t."id" AND c."state" = 'running');
