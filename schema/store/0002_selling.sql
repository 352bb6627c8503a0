-- Selling at the till: cashiers, promotions, shifts, sales, tenders, the stock ledger, the
-- hash-chained journal and the outbox. Money INTEGER fen, weight INTEGER grams.
-- Timestamps are UTC ISO-8601 text; business_date is the China (UTC+8) calendar day.

CREATE TABLE cashier (
    id       INTEGER PRIMARY KEY,
    code     TEXT NOT NULL UNIQUE,
    name     TEXT NOT NULL,
    role     TEXT NOT NULL CHECK (role IN ('cashier', 'supervisor', 'manager')),
    pin_hash TEXT NOT NULL,                  -- argon2id, never the PIN
    active   INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE promotion (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('price', 'percent', 'second_half', 'buy_x_get_y')),
    product_id  INTEGER NOT NULL REFERENCES product(id),
    price_fen   INTEGER CHECK (price_fen IS NULL OR price_fen > 0),   -- kind 'price'
    percent_bp  INTEGER CHECK (percent_bp IS NULL OR percent_bp BETWEEN 1 AND 10000), -- 'percent'
    buy_qty     INTEGER CHECK (buy_qty IS NULL OR buy_qty > 0),       -- 'buy_x_get_y'
    free_qty    INTEGER CHECK (free_qty IS NULL OR free_qty > 0),
    starts_on   TEXT NOT NULL,                                        -- first day, inclusive
    ends_on     TEXT NOT NULL,                                        -- last day, inclusive
    CHECK (starts_on <= ends_on)
) STRICT;

CREATE INDEX promotion_product ON promotion(product_id);

CREATE TABLE shift (
    id              INTEGER PRIMARY KEY,
    cashier_id      INTEGER NOT NULL REFERENCES cashier(id),
    opened_at       TEXT NOT NULL,
    float_fen       INTEGER NOT NULL CHECK (float_fen >= 0),
    closed_at       TEXT,
    closed_by       INTEGER REFERENCES cashier(id),
    report          TEXT                    -- the Z report as text, kept for reprint and sync
) STRICT;

-- At most one open shift per till.
CREATE UNIQUE INDEX shift_one_open ON shift((closed_at IS NULL)) WHERE closed_at IS NULL;

CREATE TABLE cash_movement (
    id          INTEGER PRIMARY KEY,
    shift_id    INTEGER NOT NULL REFERENCES shift(id),
    kind        TEXT NOT NULL CHECK (kind IN ('in', 'out')),
    amount_fen  INTEGER NOT NULL CHECK (amount_fen > 0),
    reason      TEXT NOT NULL,
    cashier_id  INTEGER NOT NULL REFERENCES cashier(id),
    at          TEXT NOT NULL
) STRICT;

CREATE TABLE shift_count (
    shift_id     INTEGER NOT NULL REFERENCES shift(id),
    tender       TEXT NOT NULL CHECK (tender IN ('cash', 'card', 'wechat', 'alipay')),
    expected_fen INTEGER NOT NULL,
    counted_fen  INTEGER NOT NULL,
    PRIMARY KEY (shift_id, tender)
) STRICT;

CREATE TABLE sale (
    id               INTEGER PRIMARY KEY,
    uuid             TEXT NOT NULL UNIQUE,
    seq              INTEGER NOT NULL UNIQUE CHECK (seq > 0), -- gapless per terminal
    receipt_no       TEXT NOT NULL UNIQUE,
    kind             TEXT NOT NULL CHECK (kind IN ('sale', 'return')),
    original_sale_id INTEGER REFERENCES sale(id),             -- for a return with receipt
    shift_id         INTEGER NOT NULL REFERENCES shift(id),
    cashier_id       INTEGER NOT NULL REFERENCES cashier(id),
    approved_by      INTEGER REFERENCES cashier(id),          -- order discount, no-receipt return
    completed_at     TEXT NOT NULL,
    business_date    TEXT NOT NULL,
    line_count       INTEGER NOT NULL,
    subtotal_fen     INTEGER NOT NULL,   -- sum of line amounts after promotions and line discounts
    discount_fen     INTEGER NOT NULL,   -- order discount
    rounding_fen     INTEGER NOT NULL,   -- 抹零, recorded as a discount
    total_fen        INTEGER NOT NULL,   -- to pay (negative for a return: paid out)
    change_fen       INTEGER NOT NULL CHECK (change_fen >= 0)
) STRICT;

CREATE INDEX sale_business_date ON sale(business_date);
CREATE INDEX sale_original ON sale(original_sale_id);

CREATE TABLE sale_line (
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
) STRICT;

CREATE TABLE tender (
    sale_id     INTEGER NOT NULL REFERENCES sale(id),
    seq         INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('cash', 'card', 'wechat', 'alipay')),
    amount_fen  INTEGER NOT NULL,                 -- negative when paid out (refund)
    reference   TEXT,                             -- payment terminal reference
    PRIMARY KEY (sale_id, seq)
) STRICT;

-- Every override, discount above the limit and no-receipt return, with who approved it.
CREATE TABLE approval (
    id          INTEGER PRIMARY KEY,
    sale_id     INTEGER NOT NULL REFERENCES sale(id),
    line_no     INTEGER,
    what        TEXT NOT NULL,
    cashier_id  INTEGER NOT NULL REFERENCES cashier(id),
    approver_id INTEGER NOT NULL REFERENCES cashier(id),
    at          TEXT NOT NULL
) STRICT;

-- The stock ledger: stock is the sum of these rows, never an overwritten number.
CREATE TABLE stock_movement (
    id          INTEGER PRIMARY KEY,
    product_id  INTEGER NOT NULL REFERENCES product(id),
    kind        TEXT NOT NULL CHECK (kind IN ('sale', 'return')),
    units       INTEGER NOT NULL,   -- signed: negative leaves the shelf
    grams       INTEGER NOT NULL,   -- signed
    sale_id     INTEGER REFERENCES sale(id),
    at          TEXT NOT NULL
) STRICT;

CREATE INDEX stock_movement_product ON stock_movement(product_id);

-- Hash-chained journal of completed sales and returns, one entry per sale, in seq order.
CREATE TABLE journal (
    seq        INTEGER PRIMARY KEY,            -- equals sale.seq
    sale_id    INTEGER NOT NULL UNIQUE REFERENCES sale(id),
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
) STRICT;

-- What the sync agent sends to the server, in seq order.
CREATE TABLE outbox (
    seq        INTEGER PRIMARY KEY,            -- equals sale.seq: gapless per terminal
    sale_uuid  TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL CHECK (kind IN ('sale', 'return')),
    created_at TEXT NOT NULL,
    acked_at   TEXT
) STRICT;

-- Suspended sales (挂单): the basket as the cashier left it.
CREATE TABLE suspended_sale (
    id          INTEGER PRIMARY KEY,
    cashier_id  INTEGER NOT NULL REFERENCES cashier(id),
    created_at  TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE suspended_line (
    suspended_id      INTEGER NOT NULL REFERENCES suspended_sale(id) ON DELETE CASCADE,
    line_no           INTEGER NOT NULL,
    product_id        INTEGER NOT NULL REFERENCES product(id),
    units             INTEGER NOT NULL,
    grams             INTEGER NOT NULL,
    unit_price_fen    INTEGER NOT NULL,
    price_overridden  INTEGER NOT NULL,
    line_discount_fen INTEGER NOT NULL,
    entry             TEXT NOT NULL,
    weight_source     TEXT,
    barcode           TEXT,
    approved_by       INTEGER REFERENCES cashier(id),
    label_fen         INTEGER,            -- amount from a price-embedded label
    PRIMARY KEY (suspended_id, line_no)
) STRICT;
