-- Why: dashboards.update compares the caller's expectedUpdatedAt with updated_at, so two writes must never leave
-- the same value behind. now() is the transaction's start time: PGlite's clock ticks in milliseconds, and on
-- PostgreSQL two transactions can start in the same microsecond or the clock can step back. Every write now
-- moves updated_at forward by at least one microsecond, which keeps optimistic concurrency exact.
CREATE OR REPLACE FUNCTION ocp_set_updated_at() RETURNS trigger AS $$
BEGIN
  NEW.updated_at := greatest(now(), OLD.updated_at + interval '1 microsecond');
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
