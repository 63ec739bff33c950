CREATE TABLE "status_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_connectors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"type" text NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"secret_cipher" text,
	"timeout_ms" integer DEFAULT 1500 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_entry_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"name" text NOT NULL,
	"disclosable_kinds" text[] DEFAULT '{}'::text[] NOT NULL,
	"default_language" text DEFAULT 'ro' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_fraud_flags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"caller_index" text NOT NULL,
	"caller_mask" text NOT NULL,
	"channel" text NOT NULL,
	"entry_point_id" uuid,
	"identifiers" integer NOT NULL,
	"flagged_at" timestamp with time zone NOT NULL,
	"blocked_until" timestamp with time zone NOT NULL,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" uuid
);
--> statement-breakpoint
CREATE TABLE "status_locks" (
	"tenant_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"key_index" text NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "status_locks_tenant_id_scope_key_index_pk" PRIMARY KEY("tenant_id","scope","key_index")
);
--> statement-breakpoint
CREATE TABLE "status_probes" (
	"tenant_id" uuid NOT NULL,
	"caller_index" text NOT NULL,
	"identifier_index" text NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	CONSTRAINT "status_probes_tenant_id_caller_index_identifier_index_pk" PRIMARY KEY("tenant_id","caller_index","identifier_index")
);
--> statement-breakpoint
CREATE TABLE "status_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reference" text NOT NULL,
	"client_code" text,
	"address_key" text,
	"national_id_index" text,
	"national_id_cipher" text,
	"citizen_id" uuid,
	"birth_date" date,
	"phone" text,
	"level_needed" text DEFAULT 'L1' NOT NULL,
	"sensitive" boolean DEFAULT false NOT NULL,
	"voice_opt_out" boolean DEFAULT false NOT NULL,
	"facts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"source" text DEFAULT 'import' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"record_key" text NOT NULL,
	"reference" text NOT NULL,
	"citizen_id" uuid,
	"caller_index" text NOT NULL,
	"conversation_id" text,
	"channel" text NOT NULL,
	"entry_point_id" uuid,
	"level_needed" text NOT NULL,
	"sensitive" boolean DEFAULT false NOT NULL,
	"level" text DEFAULT 'L1' NOT NULL,
	"consent_at" timestamp with time zone,
	"check_cipher" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"place_id" text NOT NULL,
	"place" jsonb NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"capacity" integer DEFAULT 1 NOT NULL,
	"booked" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
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
ALTER TABLE "status_codes" ADD CONSTRAINT "status_codes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_codes" ADD CONSTRAINT "status_codes_session_id_status_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."status_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_connectors" ADD CONSTRAINT "status_connectors_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_entry_points" ADD CONSTRAINT "status_entry_points_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_fraud_flags" ADD CONSTRAINT "status_fraud_flags_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_locks" ADD CONSTRAINT "status_locks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_probes" ADD CONSTRAINT "status_probes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_records" ADD CONSTRAINT "status_records_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_records" ADD CONSTRAINT "status_records_citizen_id_citizens_id_fk" FOREIGN KEY ("citizen_id") REFERENCES "public"."citizens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_sessions" ADD CONSTRAINT "status_sessions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_slots" ADD CONSTRAINT "status_slots_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistant_conversations" ADD CONSTRAINT "assistant_conversations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "status_codes_session_idx" ON "status_codes" USING btree ("tenant_id","session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "status_connectors_kind_uq" ON "status_connectors" USING btree ("tenant_id","kind");--> statement-breakpoint
CREATE INDEX "status_entry_points_tenant_idx" ON "status_entry_points" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "status_fraud_flags_caller_idx" ON "status_fraud_flags" USING btree ("tenant_id","caller_index","blocked_until");--> statement-breakpoint
CREATE UNIQUE INDEX "status_records_reference_uq" ON "status_records" USING btree ("tenant_id","kind","reference");--> statement-breakpoint
CREATE INDEX "status_records_national_id_idx" ON "status_records" USING btree ("tenant_id","national_id_index","kind");--> statement-breakpoint
CREATE INDEX "status_records_client_code_idx" ON "status_records" USING btree ("tenant_id","client_code","kind");--> statement-breakpoint
CREATE INDEX "status_records_address_idx" ON "status_records" USING btree ("tenant_id","address_key","kind");--> statement-breakpoint
CREATE INDEX "status_records_citizen_idx" ON "status_records" USING btree ("tenant_id","citizen_id");--> statement-breakpoint
CREATE INDEX "status_sessions_expiry_idx" ON "status_sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "status_slots_uq" ON "status_slots" USING btree ("tenant_id","place_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "assistant_conversations_open_uq" ON "assistant_conversations" USING btree ("tenant_id","channel","external_key") WHERE "assistant_conversations"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "assistant_conversations_key_idx" ON "assistant_conversations" USING btree ("tenant_id","channel","external_key");