-- How each journal entry's hash was made. 1: over the till's own rows (every entry written
-- before this version), which only the till can check. 2: over the sale exactly as the sync
-- agent uploads it (shared/protocol journal_hash.h), which the server recomputes on ingest.
-- verifyJournal checks each entry by its own scheme; new entries are written with 2.
ALTER TABLE journal ADD COLUMN scheme INTEGER NOT NULL DEFAULT 1 CHECK (scheme IN (1, 2));
