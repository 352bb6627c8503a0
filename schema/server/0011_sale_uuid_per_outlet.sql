-- A sale's UUID is unique within its outlet, not across the network: UUIDs are printed in
-- receipt QR codes, and another outlet registering one first must not take it from its owner.
-- SQLite cannot drop a UNIQUE constraint, so sale is rebuilt, and with it the two tables that
-- reference it (renaming a parent rewrites its children's REFERENCES, so they move too and are
-- rebuilt pointing at the new sale). Rows keep their ids.
ALTER TABLE sale RENAME TO sale_before_0011;
ALTER TABLE sale_line RENAME TO sale_line_before_0011;
ALTER TABLE tender RENAME TO tender_before_0011;

CREATE TABLE sale (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL,
    outlet_id     INTEGER NOT NULL REFERENCES outlet(id),
    terminal_no   INTEGER NOT NULL,
    seq           INTEGER NOT NULL,
    receipt_no    TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('sale', 'return')),
    original_uuid TEXT,
    completed_at  TEXT NOT NULL,
    business_date TEXT NOT NULL,
    cashier       TEXT NOT NULL,
    subtotal_fen  INTEGER NOT NULL,
    discount_fen  INTEGER NOT NULL,
    rounding_fen  INTEGER NOT NULL,
    total_fen     INTEGER NOT NULL,
    change_fen    INTEGER NOT NULL,
    prev_hash     TEXT NOT NULL,
    hash          TEXT NOT NULL,
    received_at   TEXT NOT NULL,
    UNIQUE (outlet_id, uuid),
    UNIQUE (outlet_id, terminal_no, seq)
) STRICT;

CREATE TABLE sale_line (
    sale_id           INTEGER NOT NULL REFERENCES sale(id),
    line_no           INTEGER NOT NULL,
    sku               TEXT NOT NULL,
    name              TEXT NOT NULL,
    units             INTEGER NOT NULL,
    grams             INTEGER NOT NULL,
    unit_price_fen    INTEGER NOT NULL,
    list_price_fen    INTEGER NOT NULL,
    price_basis       TEXT NOT NULL,
    gross_fen         INTEGER NOT NULL,
    promotion_code    TEXT,
    promotion_fen     INTEGER NOT NULL,
    line_discount_fen INTEGER NOT NULL,
    order_share_fen   INTEGER NOT NULL,
    paid_fen          INTEGER NOT NULL,
    original_line_no  INTEGER,
    office_price_fen  INTEGER,
    PRIMARY KEY (sale_id, line_no)
) STRICT;

CREATE TABLE tender (
    sale_id    INTEGER NOT NULL REFERENCES sale(id),
    seq        INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    amount_fen INTEGER NOT NULL,
    reference  TEXT,
    PRIMARY KEY (sale_id, seq)
) STRICT;

INSERT INTO sale SELECT * FROM sale_before_0011;
INSERT INTO sale_line SELECT * FROM sale_line_before_0011;
INSERT INTO tender SELECT * FROM tender_before_0011;
DROP TABLE tender_before_0011;
DROP TABLE sale_line_before_0011;
DROP TABLE sale_before_0011;

CREATE INDEX sale_outlet_day ON sale(outlet_id, business_date);
CREATE INDEX sale_outlet_day_time ON sale(outlet_id, business_date, kind, completed_at);
