-- Sync: certificates, users, versioned master data, ingested sales, quarantine, journal checks.
-- Money INTEGER fen, weight INTEGER grams. Times are UTC ISO-8601 text.

-- One counter for every master-data change; tills ask for changes since the version they hold.
CREATE TABLE master_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
) STRICT;
INSERT INTO master_version(id, version) VALUES (1, 0);

ALTER TABLE product ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
ALTER TABLE product ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
CREATE INDEX product_version ON product(version);

CREATE TABLE promotion (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('price', 'percent', 'second_half', 'buy_x_get_y')),
    product_id INTEGER NOT NULL REFERENCES product(id),
    price_fen  INTEGER NOT NULL DEFAULT 0,
    percent_bp INTEGER NOT NULL DEFAULT 0,
    buy_qty    INTEGER NOT NULL DEFAULT 0,
    free_qty   INTEGER NOT NULL DEFAULT 0,
    starts_on  TEXT NOT NULL,
    ends_on    TEXT NOT NULL,
    version    INTEGER NOT NULL
) STRICT;

-- Cashiers are managed by head office and delivered to their outlet's tills.
CREATE TABLE cashier (
    id        INTEGER PRIMARY KEY,
    outlet_id INTEGER NOT NULL REFERENCES outlet(id),
    code      TEXT NOT NULL,
    name      TEXT NOT NULL,
    role      TEXT NOT NULL CHECK (role IN ('cashier', 'supervisor', 'manager')),
    pin_hash  TEXT NOT NULL,
    active    INTEGER NOT NULL DEFAULT 1,
    version   INTEGER NOT NULL,
    UNIQUE (outlet_id, code)
) STRICT;

-- Every certificate store-admin issued. The server refuses a client certificate that is not
-- here or is revoked, at the handshake.
CREATE TABLE certificate (
    serial     TEXT PRIMARY KEY,                -- lower-case hex
    outlet_id  INTEGER REFERENCES outlet(id),   -- NULL for the server's own
    kind       TEXT NOT NULL CHECK (kind IN ('outlet', 'server')),
    subject    TEXT NOT NULL,
    not_before TEXT NOT NULL,
    not_after  TEXT NOT NULL,
    revoked_at TEXT
) STRICT;

CREATE TABLE app_user (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'regional')),
    cities        TEXT NOT NULL DEFAULT ''     -- comma-separated, for regional managers
) STRICT;

CREATE TABLE terminal (
    outlet_id   INTEGER NOT NULL REFERENCES outlet(id),
    terminal_no INTEGER NOT NULL,
    last_seen   TEXT NOT NULL,
    PRIMARY KEY (outlet_id, terminal_no)
) STRICT;

CREATE TABLE sale (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
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
    UNIQUE (outlet_id, terminal_no, seq)
) STRICT;

CREATE INDEX sale_outlet_day ON sale(outlet_id, business_date);

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

-- Records that could not be applied, with the reason; acknowledged so the queue goes on.
CREATE TABLE quarantine (
    id          INTEGER PRIMARY KEY,
    outlet_id   INTEGER NOT NULL REFERENCES outlet(id),
    terminal_no INTEGER NOT NULL,
    uuid        TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    receipt_no  TEXT NOT NULL,
    reason      TEXT NOT NULL,
    body        TEXT NOT NULL,
    received_at TEXT NOT NULL
) STRICT;

CREATE INDEX quarantine_uuid ON quarantine(uuid);

-- A sale whose prev_hash does not equal the stored hash of the sale before it.
CREATE TABLE journal_break (
    outlet_id   INTEGER NOT NULL REFERENCES outlet(id),
    terminal_no INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    found_at    TEXT NOT NULL,
    PRIMARY KEY (outlet_id, terminal_no, seq)
) STRICT;

CREATE TABLE shift_report (
    outlet_id   INTEGER NOT NULL REFERENCES outlet(id),
    terminal_no INTEGER NOT NULL,
    shift_id    INTEGER NOT NULL,
    cashier     TEXT NOT NULL,
    opened_at   TEXT NOT NULL,
    closed_at   TEXT NOT NULL,
    float_fen   INTEGER NOT NULL,
    body        TEXT NOT NULL,
    PRIMARY KEY (outlet_id, terminal_no, shift_id)
) STRICT;
