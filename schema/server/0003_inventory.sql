-- Every outlet's stock ledger, as synced from its tills (one row per till movement, by UUID),
-- and the transfers between outlets, in transit until the receiving outlet books them.
CREATE TABLE movement (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    outlet_id    INTEGER NOT NULL REFERENCES outlet(id),
    terminal_no  INTEGER NOT NULL,
    sku          TEXT NOT NULL,
    lot_code     TEXT,
    origin_base  TEXT,
    kind         TEXT NOT NULL CHECK (kind IN ('sale', 'return', 'receive', 'transfer_out', 'transfer_in',
                                               'shrink', 'adjust')),
    units        INTEGER NOT NULL,
    grams        INTEGER NOT NULL,
    document     TEXT,
    other_outlet TEXT,
    reason       TEXT,
    at           TEXT NOT NULL,
    received_at  TEXT NOT NULL
) STRICT;

CREATE INDEX movement_outlet_sku ON movement(outlet_id, sku);
CREATE INDEX movement_document ON movement(document);

CREATE TABLE transfer (
    uuid           TEXT PRIMARY KEY,
    from_outlet_id INTEGER NOT NULL REFERENCES outlet(id),
    to_outlet      TEXT NOT NULL,                  -- outlet code
    sent_at        TEXT NOT NULL,
    received_at    TEXT
) STRICT;
