-- The central database: the outlet network and head office's catalog.
-- Money is INTEGER fen, weight INTEGER grams, everywhere.

CREATE TABLE outlet (
    id     INTEGER PRIMARY KEY,
    code   TEXT NOT NULL UNIQUE,
    name   TEXT NOT NULL,
    type   TEXT NOT NULL CHECK (type IN ('flagship', 'direct', 'franchise', 'counter', 'popup', 'online')),
    city   TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'suspended', 'closed'))
) STRICT;

CREATE INDEX outlet_type_city ON outlet(type, city);

CREATE TABLE product (
    id          INTEGER PRIMARY KEY,
    sku         TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    pinyin      TEXT NOT NULL,
    sale_unit   TEXT NOT NULL CHECK (sale_unit IN ('each', 'weight')),
    price_fen   INTEGER NOT NULL CHECK (price_fen > 0),
    price_basis TEXT NOT NULL CHECK (price_basis IN ('unit', 'kg', 'jin')),
    plu         TEXT,
    CHECK ((sale_unit = 'each') = (price_basis = 'unit'))
) STRICT;

CREATE TABLE product_barcode (
    barcode    TEXT PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES product(id) ON DELETE CASCADE
) STRICT;
