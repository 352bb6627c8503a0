-- Store inventory: lots, a wider stock ledger (receiving, transfers, shrink, stocktake), count
-- sheets and minimum-stock rules. Stock is the sum of stock_movement rows, never a stored total.

CREATE TABLE lot (
    id           INTEGER PRIMARY KEY,
    product_id   INTEGER NOT NULL REFERENCES product(id),
    code         TEXT NOT NULL,                 -- batch code on the delivery note
    origin_base  TEXT NOT NULL,                 -- production base in Aksu, for traceability
    harvest_date TEXT,                          -- YYYY-MM-DD
    arrival_date TEXT NOT NULL,                 -- YYYY-MM-DD; FIFO order
    best_before  TEXT,                          -- YYYY-MM-DD
    UNIQUE (product_id, code)
) STRICT;

-- The ledger, rebuilt to carry lots, every kind of movement and its own sync state.
CREATE TABLE stock_movement_v2 (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,            -- synced exactly once by this id
    product_id INTEGER NOT NULL REFERENCES product(id),
    lot_id     INTEGER REFERENCES lot(id),      -- NULL when no lot had stock left
    kind       TEXT NOT NULL CHECK (kind IN ('sale', 'return', 'receive', 'transfer_out', 'transfer_in',
                                             'shrink', 'adjust')),
    units      INTEGER NOT NULL,                -- signed: negative leaves the shelf
    grams      INTEGER NOT NULL,                -- signed
    sale_id    INTEGER REFERENCES sale(id),
    line_no    INTEGER,                         -- the sale line, for traceability
    document   TEXT,                            -- delivery note, transfer id, stocktake id
    other_outlet TEXT,                          -- transfers: the other outlet's code
    reason     TEXT CHECK (reason IS NULL OR reason IN ('spoiled', 'dried_out', 'damaged', 'theft',
                                                         'tasting', 'other')),
    below_zero INTEGER NOT NULL DEFAULT 0,      -- sold with no stock on the books: flagged, reported
    at         TEXT NOT NULL,
    acked_at   TEXT                             -- when the server acknowledged it
) STRICT;

INSERT INTO stock_movement_v2(id, uuid, product_id, kind, units, grams, sale_id, at)
    SELECT id, lower(hex(randomblob(16))), product_id, kind, units, grams, sale_id, at FROM stock_movement;
DROP TABLE stock_movement;
ALTER TABLE stock_movement_v2 RENAME TO stock_movement;
CREATE INDEX stock_movement_product ON stock_movement(product_id);
CREATE INDEX stock_movement_lot ON stock_movement(lot_id);
CREATE INDEX stock_movement_sale ON stock_movement(sale_id);
CREATE INDEX stock_movement_pending ON stock_movement(id) WHERE acked_at IS NULL;

-- Transfers this outlet took part in; an incoming one can be received once only.
CREATE TABLE transfer (
    uuid         TEXT NOT NULL,
    direction    TEXT NOT NULL CHECK (direction IN ('out', 'in')),
    other_outlet TEXT NOT NULL,
    at           TEXT NOT NULL,
    PRIMARY KEY (uuid, direction)
) STRICT;

CREATE TABLE stocktake (
    id        INTEGER PRIMARY KEY,
    frozen_at TEXT NOT NULL,
    posted_at TEXT
) STRICT;

CREATE TABLE stocktake_line (
    stocktake_id   INTEGER NOT NULL REFERENCES stocktake(id),
    product_id     INTEGER NOT NULL REFERENCES product(id),
    expected_units INTEGER NOT NULL,
    expected_grams INTEGER NOT NULL,
    counted_units  INTEGER,
    counted_grams  INTEGER,
    PRIMARY KEY (stocktake_id, product_id)
) STRICT;

CREATE TABLE stock_rule (
    product_id INTEGER PRIMARY KEY REFERENCES product(id),
    min_units  INTEGER NOT NULL DEFAULT 0,
    min_grams  INTEGER NOT NULL DEFAULT 0
) STRICT;
