CREATE TABLE "assistant_conversations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"external_key" text NOT NULL,
	"entry_point_id" uuid,
	"caller_key" text NOT NULL,
	"language" text NOT NULL,
	"state" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"handover" jsonb,
	"turns" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assistant_conversations" ADD CONSTRAINT "assistant_conversations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assistant_conversations_open_uq" ON "assistant_conversations" USING btree ("tenant_id","channel","external_key") WHERE "assistant_conversations"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "assistant_conversations_key_idx" ON "assistant_conversations" USING btree ("tenant_id","channel","external_key");