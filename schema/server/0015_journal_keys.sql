-- The till's own integrity (docs/security.md, "The till's own integrity").

-- Each till's journal key (32 random bytes, 64 hex digits), made by store-admin issue-cert and
-- written beside the till's private key. Journal scheme 3 (sales and till events) is keyed with
-- it and recomputed on ingest; the till's cashiers' PIN verifiers in master data are keyed with
-- it. A re-issued certificate keeps the terminal's key, so its journal still verifies.
CREATE TABLE terminal_key (
    outlet_id   INTEGER NOT NULL REFERENCES outlet(id),
    terminal_no INTEGER NOT NULL CHECK (terminal_no BETWEEN 1 AND 99),
    journal_key TEXT NOT NULL CHECK (length(journal_key) = 64),
    created_at  TEXT NOT NULL,
    PRIMARY KEY (outlet_id, terminal_no)
) STRICT;

-- Per terminal: sales stored with an unkeyed journal (scheme 1 or 2: an old till, or a till
-- without its key file), the highest seq of those and the lowest seq of a keyed (scheme-3)
-- sale (a keyed sale followed by an unkeyed one is a "downgrade" break), and the sales whose
-- hash did not end at a journal head the till had reported ("head" breaks).
ALTER TABLE terminal_journal ADD COLUMN unkeyed_sales INTEGER NOT NULL DEFAULT 0;
ALTER TABLE terminal_journal ADD COLUMN max_unkeyed_seq INTEGER;
ALTER TABLE terminal_journal ADD COLUMN min_keyed_seq INTEGER;
ALTER TABLE terminal_journal ADD COLUMN head_mismatches INTEGER NOT NULL DEFAULT 0;

-- The latest journal head each till reported (POST /v1/journal-head): its last seq and that
-- entry's hash. Sales arriving later for that seq must carry that hash, and the next seq must
-- link to it; otherwise the journal was rewritten after the till reported it ("head" break).
CREATE TABLE journal_head (
    outlet_id   INTEGER NOT NULL REFERENCES outlet(id),
    terminal_no INTEGER NOT NULL,
    seq         INTEGER NOT NULL CHECK (seq >= 0),
    hash        TEXT NOT NULL,
    scheme      INTEGER NOT NULL CHECK (scheme BETWEEN 1 AND 3),
    reported_at TEXT NOT NULL,
    PRIMARY KEY (outlet_id, terminal_no)
) STRICT;

-- How each stored till event's hash was made (2: SHA-256 chain; 3: keyed).
ALTER TABLE till_event ADD COLUMN journal_scheme INTEGER NOT NULL DEFAULT 2;
