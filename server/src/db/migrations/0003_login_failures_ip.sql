ALTER TABLE "login_failures" ADD COLUMN "ip" text;--> statement-breakpoint
CREATE INDEX "login_failures_ip_idx" ON "login_failures" USING btree ("ip","failed_at");