ALTER TABLE "mailboxes" ADD COLUMN "sender_allow" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "mailboxes" ADD COLUMN "sender_deny" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "phone_lines" ADD COLUMN "language" text;