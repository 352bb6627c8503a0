-- Each till's loss-prevention log (POST /v1/events): voids, removed lines, drawer openings
-- without a sale, cash in and out, PIN locks and unlocks, reprints, returns without a receipt,
-- with who did it and who approved it. Once per outlet and UUID. hash is recomputed on ingest
-- (a mismatch is quarantined); link_ok says whether prev_hash is the hash of the terminal's
-- event stored before it (0: an event between them is missing or was deleted at the till).
CREATE TABLE till_event (
    id            INTEGER PRIMARY KEY,
    outlet_id     INTEGER NOT NULL REFERENCES outlet(id),
    terminal_no   INTEGER NOT NULL,
    uuid          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('void', 'line_removed', 'no_sale', 'cash_in',
                                                'cash_out', 'pin_locked', 'pin_unlocked',
                                                'reprint', 'no_receipt_return')),
    shift_no      INTEGER NOT NULL,
    cashier_code  TEXT,
    subject_code  TEXT,
    approver_code TEXT,
    amount_fen    INTEGER NOT NULL CHECK (amount_fen >= 0),
    detail        TEXT,
    reason        TEXT,
    at            TEXT NOT NULL,
    prev_hash     TEXT NOT NULL,
    hash          TEXT NOT NULL,
    link_ok       INTEGER NOT NULL CHECK (link_ok IN (0, 1)),
    received_at   TEXT NOT NULL,
    UNIQUE (outlet_id, uuid)
) STRICT;
CREATE INDEX till_event_terminal ON till_event(outlet_id, terminal_no, id);

CREATE TABLE till_event_quarantine (
    id          INTEGER PRIMARY KEY,
    outlet_id   INTEGER NOT NULL REFERENCES outlet(id),
    terminal_no INTEGER NOT NULL,
    uuid        TEXT NOT NULL,                 -- '' when the record had none readable
    rule        TEXT NOT NULL,                 -- e.g. event.hash, event.approver
    reason      TEXT NOT NULL,
    body        TEXT NOT NULL,                 -- the record's JSON as received
    received_at TEXT NOT NULL
) STRICT;
CREATE INDEX till_event_quarantine_outlet_uuid ON till_event_quarantine(outlet_id, uuid);
