-- Fewer B-trees written by each sale. Completing a sale is one transaction whose every touched
-- page goes to the WAL and is synced before the cashier sees "paid"; each table or index the
-- sale writes costs at least one page, and each row an index insert. Five of them carried
-- nothing a query needed:
--  - sale_line and tender: a rowid table plus an index on the primary key; as WITHOUT ROWID
--    tables the rows are stored in primary-key order, in one B-tree each.
--  - journal.sale_id UNIQUE: journal.seq equals sale.seq, and queries now join on it.
--  - outbox.sale_uuid UNIQUE: likewise (outbox.seq equals sale.seq; answers are matched by seq).
--  - stock_movement.uuid UNIQUE: answers from the server are matched by the row's id; the uuid
--    stays, made at the till, as the server's key for exactly-once.

CREATE TABLE sale_line_v2 (
    sale_id            INTEGER NOT NULL REFERENCES sale(id),
    line_no            INTEGER NOT NULL CHECK (line_no > 0),
    product_id         INTEGER NOT NULL REFERENCES product(id),
    sku                TEXT NOT NULL,
    name               TEXT NOT NULL,
    units              INTEGER NOT NULL,  -- quantity for unit items, 0 for weighed
    grams              INTEGER NOT NULL,  -- weight for weighed items, 0 for unit items
    unit_price_fen     INTEGER NOT NULL,  -- price charged per basis, after overrides/promo price
    list_price_fen     INTEGER NOT NULL,  -- the central price at the time of sale
    price_basis        TEXT NOT NULL CHECK (price_basis IN ('unit', 'kg', 'jin')),
    gross_fen          INTEGER NOT NULL,  -- unit price × quantity or weight
    promotion_code     TEXT,
    promotion_fen      INTEGER NOT NULL,  -- promotion discount
    line_discount_fen  INTEGER NOT NULL,
    order_share_fen    INTEGER NOT NULL,  -- this line's share of the order discount and 抹零
    paid_fen           INTEGER NOT NULL,  -- what the customer paid for the line (refund basis)
    entry              TEXT NOT NULL CHECK (entry IN ('scan', 'label', 'plu', 'search', 'keyed')),
    weight_source      TEXT CHECK (weight_source IN ('keyed', 'scale', 'label')),
    barcode            TEXT,
    approved_by        INTEGER REFERENCES cashier(id),  -- price override or line discount
    original_line_no   INTEGER,                         -- for a return: the line returned
    PRIMARY KEY (sale_id, line_no)
) STRICT, WITHOUT ROWID;
INSERT INTO sale_line_v2 SELECT * FROM sale_line;
DROP TABLE sale_line;
ALTER TABLE sale_line_v2 RENAME TO sale_line;

CREATE TABLE tender_v2 (
    sale_id     INTEGER NOT NULL REFERENCES sale(id),
    seq         INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('cash', 'card', 'wechat', 'alipay')),
    amount_fen  INTEGER NOT NULL,                 -- negative when paid out (refund)
    reference   TEXT,                             -- payment terminal reference
    PRIMARY KEY (sale_id, seq)
) STRICT, WITHOUT ROWID;
INSERT INTO tender_v2 SELECT * FROM tender;
DROP TABLE tender;
ALTER TABLE tender_v2 RENAME TO tender;

-- Hash-chained journal of completed sales and returns, one entry per sale, in seq order.
CREATE TABLE journal_v2 (
    seq        INTEGER PRIMARY KEY,            -- equals sale.seq
    sale_id    INTEGER NOT NULL REFERENCES sale(id),
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
) STRICT;
INSERT INTO journal_v2 SELECT seq, sale_id, prev_hash, hash FROM journal;
DROP TABLE journal;
ALTER TABLE journal_v2 RENAME TO journal;

-- What the sync agent sends to the server, in seq order, and what the server answered.
CREATE TABLE outbox_v2 (
    seq        INTEGER PRIMARY KEY,            -- equals sale.seq: gapless per terminal
    sale_uuid  TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('sale', 'return')),
    created_at TEXT NOT NULL,
    acked_at   TEXT,
    status     TEXT CHECK (status IN ('stored', 'duplicate', 'quarantined')),
    reason     TEXT
) STRICT;
INSERT INTO outbox_v2 SELECT seq, sale_uuid, kind, created_at, acked_at, status, reason FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_v2 RENAME TO outbox;
CREATE INDEX outbox_pending ON outbox(seq) WHERE acked_at IS NULL;

-- The stock ledger: stock is the sum of these rows, never an overwritten number.
CREATE TABLE stock_movement_v3 (
    id         INTEGER PRIMARY KEY,             -- answers from the server are matched by it
    uuid       TEXT NOT NULL,                   -- made here; the server's key for exactly-once
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
INSERT INTO stock_movement_v3(id, uuid, product_id, lot_id, kind, units, grams, sale_id, line_no,
                              document, other_outlet, reason, below_zero, at, acked_at)
    SELECT id, uuid, product_id, lot_id, kind, units, grams, sale_id, line_no, document,
           other_outlet, reason, below_zero, at, acked_at FROM stock_movement;
DROP TABLE stock_movement;
ALTER TABLE stock_movement_v3 RENAME TO stock_movement;
CREATE INDEX stock_movement_product ON stock_movement(product_id);
CREATE INDEX stock_movement_sale ON stock_movement(sale_id);
CREATE INDEX stock_movement_pending ON stock_movement(id) WHERE acked_at IS NULL;
CREATE INDEX stock_movement_lot ON stock_movement(lot_id) WHERE lot_id IS NOT NULL;
