-- Why: dataset uploads used to be stored as one JSON document (every column of every row in workspace_items.content),
-- so a 60 MB CSV became one ~100 MB value that the server built whole and PGlite parsed in one statement (1.6 GB of
-- memory, the event loop blocked for seconds). Imports now write their rows in chunks as the file streams in; the
-- item's content keeps the schema and row count. Chunks go with their item (ON DELETE CASCADE).
CREATE TABLE "dataset_chunks" (
	"item_id" uuid NOT NULL,
	"chunk_no" integer NOT NULL,
	"row_count" integer NOT NULL,
	"columns" jsonb NOT NULL,
	"types" jsonb NOT NULL,
	CONSTRAINT "dataset_chunks_pkey" PRIMARY KEY("item_id","chunk_no")
);
--> statement-breakpoint
ALTER TABLE "dataset_chunks" ADD CONSTRAINT "dataset_chunks_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "public"."workspace_items"("id") ON DELETE cascade ON UPDATE no action;
