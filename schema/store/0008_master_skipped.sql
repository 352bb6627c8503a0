-- Master-data records this till could not take (too long a name, a PLU another product holds,
-- a mistyped field ...). The rest of that delivery was applied and the master-data version
-- moved on; these stay here, and every pull reports them, until head office sends the record
-- again in a form the till takes.
CREATE TABLE master_skipped (
    kind       TEXT NOT NULL CHECK (kind IN ('product', 'promotion', 'cashier')),
    key        TEXT NOT NULL,                  -- SKU or code, "#N" when unreadable
    reason     TEXT NOT NULL,
    version    INTEGER NOT NULL,               -- the master-data version that brought it
    skipped_at TEXT NOT NULL,                  -- UTC
    PRIMARY KEY (kind, key)
) STRICT, WITHOUT ROWID;
