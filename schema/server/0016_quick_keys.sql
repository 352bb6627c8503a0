-- Head office's quick keys (快捷键) for an outlet type's tills: the produce a cashier rings up by
-- touch (loose fruit carries no barcode), grouped by category, in head office's order. A type
-- without rows has no quick keys. The whole list goes with every master-data pull.
CREATE TABLE quick_key (
    type       TEXT NOT NULL CHECK (type IN ('flagship', 'direct', 'franchise', 'counter',
                                             'popup', 'online')),
    position   INTEGER NOT NULL CHECK (position >= 1),
    category   TEXT NOT NULL CHECK (length(category) BETWEEN 1 AND 16),
    product_id INTEGER NOT NULL REFERENCES product(id) ON DELETE CASCADE,
    label      TEXT NOT NULL CHECK (length(label) <= 16), -- '' shows the product's name
    PRIMARY KEY (type, position)
) STRICT, WITHOUT ROWID;
