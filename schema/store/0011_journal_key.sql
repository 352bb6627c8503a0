-- The till's own integrity: journal scheme 3, HMAC-SHA256 under the till's journal key (the
-- file store-admin issue-cert writes beside the till's private key), for sales and till events.

-- The journal's scheme check (store schema 9) allowed 1 and 2 only; SQLite cannot change a
-- CHECK, so the table is copied into one that also allows 3.
CREATE TABLE journal_v3 (
    seq        INTEGER PRIMARY KEY,            -- equals sale.seq
    sale_id    INTEGER NOT NULL REFERENCES sale(id),
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL,
    scheme     INTEGER NOT NULL DEFAULT 1 CHECK (scheme IN (1, 2, 3))
) STRICT;
INSERT INTO journal_v3 SELECT seq, sale_id, prev_hash, hash, scheme FROM journal;
DROP TABLE journal;
ALTER TABLE journal_v3 RENAME TO journal;

-- How each till event's hash was made (2: SHA-256 chain, as every event before this version;
-- 3: keyed).
ALTER TABLE till_event ADD COLUMN scheme INTEGER NOT NULL DEFAULT 2 CHECK (scheme IN (2, 3));
