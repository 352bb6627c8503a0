-- Journal schemes (shared/protocol journal_hash.h, store schema 9). A scheme-2 sale's hash is
-- recomputed on ingest from the fields received; a scheme-1 sale (an old till) cannot be
-- checked and is counted here, per terminal, so head office sees which tills still send
-- journals nobody can verify.

-- Why a journal break was recorded. NULL: its prev_hash did not match its neighbour's hash
-- (as before this version).
ALTER TABLE journal_break ADD COLUMN reason TEXT;

CREATE TABLE terminal_journal (
    outlet_id           INTEGER NOT NULL REFERENCES outlet(id),
    terminal_no         INTEGER NOT NULL,
    unverified_sales    INTEGER NOT NULL DEFAULT 0, -- scheme-1 sales stored
    max_unverified_seq  INTEGER,                    -- highest seq of those
    last_unverified_at  TEXT,                       -- when the last one arrived
    min_verified_seq    INTEGER,                    -- lowest seq of a scheme-2 sale stored
    hash_mismatches     INTEGER NOT NULL DEFAULT 0, -- scheme-2 sales whose hash was not theirs
    PRIMARY KEY (outlet_id, terminal_no)
) STRICT;
