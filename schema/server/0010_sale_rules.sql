-- Issue "Trust no till": what head office keeps of a till's sales beside what the till said.

-- Head office's price of the line's product at the outlet when the sale came in (overrides
-- applied, in the line's price basis); NULL when the product is not in head office's catalog.
-- Price compliance compares the price sold at with this, never with the till's list_price_fen.
-- Lines stored before this column are taken at their list price, as they were counted then.
ALTER TABLE sale_line ADD COLUMN office_price_fen INTEGER;
UPDATE sale_line SET office_price_fen = list_price_fen;

-- A sale UUID this outlet already stored, sent again with other content (another seq, total,
-- lines or hash): kept whole beside the original, which stays; reported, never a silent repeat.
CREATE TABLE sale_conflict (
    id          INTEGER PRIMARY KEY,
    outlet_id   INTEGER NOT NULL REFERENCES outlet(id),
    terminal_no INTEGER NOT NULL,
    uuid        TEXT NOT NULL,
    seq         INTEGER NOT NULL,              -- what the repeat says
    sale_id     INTEGER NOT NULL,              -- the sale stored first under that UUID
    reason      TEXT NOT NULL,                 -- what differs
    body        TEXT NOT NULL,                 -- the repeat's JSON
    received_at TEXT NOT NULL,
    UNIQUE (outlet_id, uuid, body)
) STRICT;

-- A Z report for a shift id the terminal already reported, with other content (a reinstalled
-- till restarting its shift numbers): kept, reported, never dropped.
CREATE TABLE shift_report_conflict (
    id          INTEGER PRIMARY KEY,
    outlet_id   INTEGER NOT NULL REFERENCES outlet(id),
    terminal_no INTEGER NOT NULL,
    shift_id    INTEGER NOT NULL,
    body        TEXT NOT NULL,
    received_at TEXT NOT NULL,
    UNIQUE (outlet_id, terminal_no, shift_id, body)
) STRICT;

CREATE INDEX quarantine_outlet_uuid ON quarantine(outlet_id, uuid);

-- Per terminal: the highest seq stored and how many sales are stored, kept by ingest, so that a
-- gap in a terminal's numbering (seq 10 after seq 1) is max_seq − sales, read cheaply by
-- reconcile, /metrics and head office.
ALTER TABLE terminal ADD COLUMN max_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE terminal ADD COLUMN sales INTEGER NOT NULL DEFAULT 0;
UPDATE terminal SET
    max_seq = COALESCE((SELECT MAX(seq) FROM sale s WHERE s.outlet_id = terminal.outlet_id
                        AND s.terminal_no = terminal.terminal_no), 0),
    sales = (SELECT COUNT(*) FROM sale s WHERE s.outlet_id = terminal.outlet_id
             AND s.terminal_no = terminal.terminal_no);
