-- A till's copy of head office's catalog, and its local settings.
-- Money is INTEGER fen, weight INTEGER grams, everywhere.

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE product (
    id          INTEGER PRIMARY KEY,
    sku         TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL CHECK (length(name) > 0),
    pinyin      TEXT NOT NULL,                    -- search code: pinyin initials of the name
    sale_unit   TEXT NOT NULL CHECK (sale_unit IN ('each', 'weight')),
    price_fen   INTEGER NOT NULL CHECK (price_fen > 0),
    price_basis TEXT NOT NULL CHECK (price_basis IN ('unit', 'kg', 'jin')),
    plu         TEXT,                             -- code on label-scale barcodes
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    CHECK ((sale_unit = 'each') = (price_basis = 'unit'))
) STRICT;

CREATE UNIQUE INDEX product_plu ON product(plu) WHERE plu IS NOT NULL;
CREATE INDEX product_pinyin ON product(pinyin);

CREATE TABLE product_barcode (
    barcode    TEXT PRIMARY KEY,                  -- GTIN look-up key (UPC-A as EAN-13)
    product_id INTEGER NOT NULL REFERENCES product(id) ON DELETE CASCADE
) STRICT;

CREATE INDEX product_barcode_product ON product_barcode(product_id);

-- Variable-measure label layouts (GS1 prefixes 20-29), one data row each; see
-- baidian::domain::VariableMeasureLayout. Filled with the defaults when a till is set up.
CREATE TABLE barcode_layout (
    name         TEXT PRIMARY KEY,
    prefix_from  INTEGER NOT NULL CHECK (prefix_from BETWEEN 20 AND 29),
    prefix_to    INTEGER NOT NULL CHECK (prefix_to BETWEEN prefix_from AND 29),
    item_offset  INTEGER NOT NULL,
    item_length  INTEGER NOT NULL,
    value_offset INTEGER NOT NULL,
    value_length INTEGER NOT NULL,
    measure      TEXT NOT NULL CHECK (measure IN ('weight', 'price'))
) STRICT;
