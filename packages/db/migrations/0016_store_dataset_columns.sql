-- Why: a dataset's cells were jsonb arrays, one document per chunk of rows, and the first chart on a large dataset
-- after a start spent most of its time having them parsed back into JavaScript (a million-row column: hundreds of
-- milliseconds on PostgreSQL, seconds on PGlite). Each column of each chunk is now one bytea in a binary form that
-- the server reads straight into typed arrays (packages/db/src/dataset-codec.ts):
--   number, datetime (epoch milliseconds): a little-endian float64 per row, NaN for an empty cell;
--   boolean: a byte per row, 0 false, 1 true, 2 empty;
--   string: the cells' UTF-8 separated by NUL bytes (a cell never holds NUL, and an empty cell is the empty text:
--           imports store '' as empty);
--   empty: no bytes.
-- Every column of the dataset's schema has a row for every chunk (a column that appeared later is 'empty' in the
-- earlier chunks). Existing chunks are converted below; the first three cells of each column move into the item's
-- content (`head`), which the chat's data catalogue samples without reading chunks.
ALTER TABLE dataset_chunks RENAME TO dataset_chunks_jsonb;
--> statement-breakpoint
ALTER INDEX dataset_chunks_pkey RENAME TO dataset_chunks_jsonb_pkey;
--> statement-breakpoint
CREATE TABLE dataset_chunks (
  item_id uuid NOT NULL,
  name text NOT NULL,
  chunk_no integer NOT NULL,
  type text NOT NULL,
  row_count integer NOT NULL,
  data bytea NOT NULL,
  CONSTRAINT dataset_chunks_pkey PRIMARY KEY (item_id, name, chunk_no),
  CONSTRAINT dataset_chunks_type_check CHECK (type IN ('number', 'boolean', 'datetime', 'string', 'empty'))
);
--> statement-breakpoint
ALTER TABLE dataset_chunks ADD CONSTRAINT dataset_chunks_item_id_fkey FOREIGN KEY (item_id) REFERENCES public.workspace_items(id) ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- Row-level security as migration 0014 set it for the chunks: read with the item, written by the item's owner.
ALTER TABLE dataset_chunks ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY chunks_read ON dataset_chunks FOR SELECT TO ocp_app USING (ocp_private.item_readable(item_id));
--> statement-breakpoint
CREATE POLICY chunks_write_insert ON dataset_chunks FOR INSERT TO ocp_app WITH CHECK (EXISTS (SELECT 1 FROM workspace_items w WHERE w.id = item_id AND w.user_id = (SELECT auth.uid())));
--> statement-breakpoint
CREATE POLICY chunks_write_update ON dataset_chunks FOR UPDATE TO ocp_app USING (EXISTS (SELECT 1 FROM workspace_items w WHERE w.id = item_id AND w.user_id = (SELECT auth.uid()))) WITH CHECK (EXISTS (SELECT 1 FROM workspace_items w WHERE w.id = item_id AND w.user_id = (SELECT auth.uid())));
--> statement-breakpoint
CREATE POLICY chunks_write_delete ON dataset_chunks FOR DELETE TO ocp_app USING (EXISTS (SELECT 1 FROM workspace_items w WHERE w.id = item_id AND w.user_id = (SELECT auth.uid())));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON dataset_chunks TO ocp_app;
--> statement-breakpoint
CREATE FUNCTION ocp_private.float8_le(v float8) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN v IS NULL THEN '\x000000000000f87f'::bytea
    ELSE substring(b FROM 8 FOR 1) || substring(b FROM 7 FOR 1) || substring(b FROM 6 FOR 1) || substring(b FROM 5 FOR 1)
      || substring(b FROM 4 FOR 1) || substring(b FROM 3 FOR 1) || substring(b FROM 2 FOR 1) || substring(b FROM 1 FOR 1)
    END
  FROM (SELECT float8send(v) AS b) s
$$;
--> statement-breakpoint
-- One branch per type (in one SQL statement every aggregate would run, and text that is no time fails its cast).
CREATE FUNCTION ocp_private.encode_cells(cells jsonb, kind text) RETURNS bytea LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  a jsonb := CASE WHEN jsonb_typeof(cells) = 'array' THEN cells ELSE '[]'::jsonb END;
  out bytea;
BEGIN
  IF kind = 'number' THEN
    SELECT string_agg(ocp_private.float8_le(CASE WHEN jsonb_typeof(e) = 'number' THEN e::float8 END), ''::bytea ORDER BY i)
      INTO out FROM jsonb_array_elements(a) WITH ORDINALITY AS t(e, i);
  ELSIF kind = 'datetime' THEN
    SELECT string_agg(ocp_private.float8_le(CASE WHEN jsonb_typeof(e) = 'string'
             THEN (extract(epoch FROM (e #>> '{}')::timestamptz) * 1000)::float8 END), ''::bytea ORDER BY i)
      INTO out FROM jsonb_array_elements(a) WITH ORDINALITY AS t(e, i);
  ELSIF kind = 'boolean' THEN
    SELECT string_agg(CASE WHEN e = 'true'::jsonb THEN '\x01'::bytea WHEN e = 'false'::jsonb THEN '\x00'::bytea
             ELSE '\x02'::bytea END, ''::bytea ORDER BY i)
      INTO out FROM jsonb_array_elements(a) WITH ORDINALITY AS t(e, i);
  ELSIF kind = 'string' THEN
    SELECT string_agg(convert_to(coalesce(CASE WHEN jsonb_typeof(e) = 'string' THEN e #>> '{}'
             WHEN jsonb_typeof(e) IN ('number', 'boolean') THEN e::text END, ''), 'UTF8'), '\x00'::bytea ORDER BY i)
      INTO out FROM jsonb_array_elements(a) WITH ORDINALITY AS t(e, i);
  END IF;
  RETURN coalesce(out, ''::bytea);
END
$$;
--> statement-breakpoint
INSERT INTO dataset_chunks (item_id, name, chunk_no, type, row_count, data)
SELECT o.item_id, s.col->>'name', o.chunk_no, k.kind, o.row_count, ocp_private.encode_cells(o.columns -> (s.col->>'name'), k.kind)
  FROM dataset_chunks_jsonb o
  JOIN workspace_items w ON w.id = o.item_id
  CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(w.content->'schema') = 'array' THEN w.content->'schema' ELSE '[]'::jsonb END) AS s(col)
  CROSS JOIN LATERAL (SELECT CASE WHEN jsonb_typeof(o.columns -> (s.col->>'name')) = 'array'
                                   AND o.types->>(s.col->>'name') IN ('number', 'boolean', 'datetime', 'string')
                              THEN o.types->>(s.col->>'name') ELSE 'empty' END AS kind) AS k;
--> statement-breakpoint
UPDATE workspace_items w
   SET content = w.content || jsonb_build_object('head', coalesce(
         (SELECT jsonb_object_agg(c.key, jsonb_path_query_array(c.value, '$[0 to 2]'))
            FROM dataset_chunks_jsonb o, jsonb_each(o.columns) AS c
           WHERE o.item_id = w.id AND o.chunk_no = 0 AND jsonb_typeof(c.value) = 'array'), '{}'::jsonb))
 WHERE w.item_type = 'dataset' AND w.content->>'storage' = 'chunks';
--> statement-breakpoint
DROP FUNCTION ocp_private.encode_cells(jsonb, text);
--> statement-breakpoint
DROP FUNCTION ocp_private.float8_le(float8);
--> statement-breakpoint
DROP TABLE dataset_chunks_jsonb;
