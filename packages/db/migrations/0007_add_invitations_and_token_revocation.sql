-- Why (issue 10, items 5 and 7): team membership needs the invitee's consent, and tokens must be revocable.
-- team_invitations: an admin invites an email (account or not); the invitee accepts while signed in with that
-- email or with the invitation's token, whose SHA-256 alone is stored. One pending invitation per team and email.
-- user_token_generations: embedded auth writes the user's generation into each JWT and refuses other generations,
-- so "sign out everywhere" and a password change end every older token (a table of its own: host and Supabase
-- users may have no user_profiles row, and user_profiles keeps the seed's columns).
-- revoked_tokens: single tokens signed out before they expire (auth.signOut), kept until their expiry.
CREATE TABLE "revoked_tokens" (
	"jti" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"email" text NOT NULL,
	"role" "team_role" DEFAULT 'viewer' NOT NULL,
	"invited_by" uuid,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now(),
	CONSTRAINT "team_invitations_token_hash_key" UNIQUE("token_hash"),
	CONSTRAINT "team_invitations_email_normalised" CHECK (email = lower(btrim(email)) AND length(email) BETWEEN 3 AND 320)
);
--> statement-breakpoint
CREATE TABLE "user_token_generations" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"generation" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "revoked_tokens" ADD CONSTRAINT "revoked_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "auth"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_invitations" ADD CONSTRAINT "team_invitations_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_invitations" ADD CONSTRAINT "team_invitations_invited_by_fkey" FOREIGN KEY ("invited_by") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_token_generations" ADD CONSTRAINT "user_token_generations_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "auth"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_revoked_tokens_expires_at" ON "revoked_tokens" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "team_invitations_pending_key" ON "team_invitations" USING btree ("team_id","email") WHERE accepted_at IS NULL;--> statement-breakpoint
CREATE INDEX "idx_team_invitations_pending_email" ON "team_invitations" USING btree ("email") WHERE accepted_at IS NULL;