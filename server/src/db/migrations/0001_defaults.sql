-- The defaults every installation starts from; admins edit them afterwards (ENGINEERING.md §3).
INSERT INTO "statuses" ("key", "name", "kind", "translations", "position") VALUES
  ('open', 'Open', 'new', '{"nl":"Open","sv":"Öppen"}', 10),
  ('in_progress', 'In progress', 'open', '{"nl":"In behandeling","sv":"Pågår"}', 20),
  ('awaiting_reply', 'Awaiting reply', 'waiting_customer', '{"nl":"Wacht op antwoord","sv":"Väntar på svar"}', 30),
  ('on_hold', 'On hold', 'waiting_customer', '{"nl":"On hold","sv":"Pausad"}', 40),
  ('planned', 'Planned', 'scheduled', '{"nl":"Ingepland","sv":"Planerad"}', 50),
  ('acceptance', 'Acceptance', 'waiting_customer', '{"nl":"Acceptatie","sv":"Acceptans"}', 60),
  ('waiting_for_deploy', 'Waiting for deploy', 'scheduled', '{"nl":"Wacht op deploy","sv":"Väntar på driftsättning"}', 70),
  ('resolved', 'Resolved', 'resolved', '{"nl":"Opgelost","sv":"Löst"}', 80),
  ('closed', 'Closed', 'closed', '{"nl":"Gesloten","sv":"Stängd"}', 90);
--> statement-breakpoint
-- Any status that is not closed may move to any other status; a closed ticket comes back only by a reopen.
INSERT INTO "status_transitions" ("from_status_id", "to_status_id")
SELECT a."id", b."id" FROM "statuses" a CROSS JOIN "statuses" b WHERE a."id" <> b."id" AND a."kind" <> 'closed';
--> statement-breakpoint
INSERT INTO "categories" ("key", "name", "translations", "position") VALUES
  ('incident', 'Incident', '{"nl":"Incident","sv":"Incident"}', 10),
  ('service_request', 'Service request', '{"nl":"Serviceverzoek","sv":"Tjänstebegäran"}', 20),
  ('change', 'Change', '{"nl":"Wijziging","sv":"Ändring"}', 30),
  ('server_management', 'Server management', '{"nl":"Serverbeheer","sv":"Serverförvaltning"}', 40),
  ('maintenance', 'Maintenance', '{"nl":"Onderhoud","sv":"Underhåll"}', 50);
--> statement-breakpoint
INSERT INTO "priority_matrix" ("urgency", "impact", "priority") VALUES
  ('high', 'high', 'P1'), ('high', 'normal', 'P2'), ('high', 'low', 'P3'),
  ('normal', 'high', 'P2'), ('normal', 'normal', 'P3'), ('normal', 'low', 'P4'),
  ('low', 'high', 'P3'), ('low', 'normal', 'P4'), ('low', 'low', 'P4');
--> statement-breakpoint
INSERT INTO "settings" ("key", "value") VALUES
  ('ticketPrefix', '"LK"'),
  ('reopenWindowDays', '14'),
  ('defaultLanguage', '"en"');
