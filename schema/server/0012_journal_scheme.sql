-- Journal schemes (shared/protocol journal_hash.h, store schema 9). A scheme-2 sale's hash is
-- recomputed on ingest from the fields received; a scheme-1 sale (an old till) cannot be
-- checked and is counted here, per terminal, so head office sees which tills still send
-- journals nobody can verify.

-- Why a journal break was recorded. NULL: its prev_hash did not match its neighbour's hash
-- (as before this version).
ALTER TABLE journal_break ADD COLUMN reason TEXT;

-- How each stored sale's hash was made (1: an old till's own rows, unverifiable; 2: the sale as
-- sent, recomputed on ingest). A repeat of the sale is compared with it like every other field.
ALTER TABLE sale ADD COLUMN journal_scheme INTEGER NOT NULL DEFAULT 1;

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
