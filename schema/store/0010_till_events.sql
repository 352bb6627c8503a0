-- Loss prevention at the till: what changes money or goods without being a sale, each with who
-- did it and who approved it, hash-chained in the order it happened (a deleted or edited row
-- breaks the chain), and sent to head office like the sales (acked_at).
CREATE TABLE till_event (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,            -- made here; the server's key for exactly-once
    shift_id    INTEGER REFERENCES shift(id),    -- NULL outside a shift (a PIN locked at login)
    kind        TEXT NOT NULL CHECK (kind IN ('void', 'line_removed', 'no_sale', 'cash_in',
                                              'cash_out', 'pin_locked', 'pin_unlocked',
                                              'reprint', 'no_receipt_return')),
    cashier_id  INTEGER REFERENCES cashier(id),  -- who was logged in (NULL: nobody)
    subject_id  INTEGER REFERENCES cashier(id),  -- whose PIN was locked or unlocked
    approver_id INTEGER REFERENCES cashier(id),  -- the supervisor who approved it
    amount_fen  INTEGER NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
    detail      TEXT NOT NULL DEFAULT '',        -- the line removed, the receipt reprinted ...
    reason      TEXT NOT NULL DEFAULT '',        -- what the cashier gave as the reason
    at          TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL,
    acked_at    TEXT
) STRICT;
CREATE INDEX till_event_shift ON till_event(shift_id);
CREATE INDEX till_event_pending ON till_event(id) WHERE acked_at IS NULL;

-- Wrong PINs in a row per person; at TillLimits::pinAttempts the person is locked until a
-- supervisor unlocks them at the till (or head office sends a new PIN).
ALTER TABLE cashier ADD COLUMN failed_pins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cashier ADD COLUMN locked_at TEXT;
