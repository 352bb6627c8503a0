-- Head office: the full outlet registry, price overrides, daily aggregates, the model-store
-- ranking, inspections and manager sessions. Money INTEGER fen, weight INTEGER grams, floor
-- area INTEGER square metres; dates YYYY-MM-DD (China time), instants UTC ISO-8601.

ALTER TABLE outlet ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE outlet ADD COLUMN area_m2 INTEGER NOT NULL DEFAULT 0 CHECK (area_m2 >= 0);
ALTER TABLE outlet ADD COLUMN opened_on TEXT NOT NULL DEFAULT '2020-01-01';
ALTER TABLE outlet ADD COLUMN franchisee TEXT NOT NULL DEFAULT '';

-- Every type an outlet has had (a franchise can become a direct store), newest last.
CREATE TABLE outlet_type_history (
    outlet_id  INTEGER NOT NULL REFERENCES outlet(id),
    type       TEXT NOT NULL,
    since      TEXT NOT NULL,        -- business date the type applies from
    changed_at TEXT NOT NULL,
    PRIMARY KEY (outlet_id, since, changed_at)
) STRICT;
INSERT INTO outlet_type_history(outlet_id, type, since, changed_at)
    SELECT id, type, opened_on, '1970-01-01T00:00:00Z' FROM outlet;

-- A price for one outlet type or one outlet that replaces the catalog price. The outlet's own
-- override wins over its type's, which wins over the catalog.
CREATE TABLE price_override (
    product_id INTEGER NOT NULL REFERENCES product(id),
    scope      TEXT NOT NULL CHECK (scope IN ('type', 'outlet')),
    scope_key  TEXT NOT NULL,        -- an outlet type code or an outlet code
    price_fen  INTEGER NOT NULL CHECK (price_fen > 0),
    PRIMARY KEY (product_id, scope, scope_key)
) STRICT;

-- (outlet, business date) pairs whose sales changed since the last roll-up.
CREATE TABLE dirty_day (
    outlet_id     INTEGER NOT NULL,
    business_date TEXT NOT NULL,
    PRIMARY KEY (outlet_id, business_date)
) WITHOUT ROWID, STRICT;

-- Day x outlet x product. Net of returns: revenue, weight and units of returns are subtracted.
CREATE TABLE agg_product_day (
    business_date    TEXT NOT NULL,
    outlet_id        INTEGER NOT NULL,
    sku              TEXT NOT NULL,
    revenue_fen      INTEGER NOT NULL,
    grams            INTEGER NOT NULL,
    units            INTEGER NOT NULL,
    tickets          INTEGER NOT NULL,  -- sales that had the product
    return_fen       INTEGER NOT NULL,  -- refunded, positive
    return_lines     INTEGER NOT NULL,
    lines            INTEGER NOT NULL,  -- sale lines (not returns)
    compliant_lines  INTEGER NOT NULL,  -- sold at the central price, no line discount or override
    PRIMARY KEY (business_date, outlet_id, sku)
) WITHOUT ROWID, STRICT;
CREATE INDEX agg_product_day_outlet ON agg_product_day(outlet_id, business_date);

-- Day x outlet.
CREATE TABLE agg_outlet_day (
    business_date   TEXT NOT NULL,
    outlet_id       INTEGER NOT NULL,
    revenue_fen     INTEGER NOT NULL,   -- net of returns
    sales_fen       INTEGER NOT NULL,   -- sales only
    return_fen      INTEGER NOT NULL,   -- refunded, positive
    grams           INTEGER NOT NULL,   -- net
    tickets         INTEGER NOT NULL,   -- sales (not returns)
    return_tickets  INTEGER NOT NULL,
    late_tickets    INTEGER NOT NULL,   -- sales in the last 30 minutes before the day's last sale
    lines           INTEGER NOT NULL,
    compliant_lines INTEGER NOT NULL,
    PRIMARY KEY (outlet_id, business_date)
) WITHOUT ROWID, STRICT;
CREATE INDEX agg_outlet_day_date ON agg_outlet_day(business_date);

-- The first time an outlet's nightly job reconciled a business date with the server.
CREATE TABLE reconciled_day (
    outlet_id     INTEGER NOT NULL REFERENCES outlet(id),
    business_date TEXT NOT NULL,
    first_at      TEXT NOT NULL,
    PRIMARY KEY (outlet_id, business_date)
) WITHOUT ROWID, STRICT;

-- A regional manager's inspection of an outlet for a ranking period, 0-100.
CREATE TABLE inspection (
    outlet_id  INTEGER NOT NULL REFERENCES outlet(id),
    period     TEXT NOT NULL,
    score      INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
    inspector  TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    entered_at TEXT NOT NULL,
    PRIMARY KEY (outlet_id, period)
) STRICT;

-- One computation of the ranking for a period; recomputing a period replaces its rows.
CREATE TABLE ranking_run (
    period      TEXT PRIMARY KEY,   -- "2026-10" (a month) or "2026" (a year)
    date_from   TEXT NOT NULL,
    date_to     TEXT NOT NULL,
    computed_at TEXT NOT NULL,
    config      TEXT NOT NULL       -- the weights and rules used, as JSON
) STRICT;

CREATE TABLE ranking_entry (
    period      TEXT NOT NULL REFERENCES ranking_run(period) ON DELETE CASCADE,
    outlet_id   INTEGER NOT NULL REFERENCES outlet(id),
    type        TEXT NOT NULL,
    rank        INTEGER,            -- NULL when not eligible
    score_centi INTEGER NOT NULL,   -- score x 100 (0-10000); the breakdown's points sum to it
    ineligible  TEXT NOT NULL,      -- reasons, empty when eligible
    metrics     TEXT NOT NULL,      -- JSON: every metric, its value, normalized value and points
    flags       TEXT NOT NULL,      -- JSON: anomaly flags
    PRIMARY KEY (period, outlet_id)
) STRICT;
CREATE INDEX ranking_entry_type ON ranking_entry(period, type, rank);

-- Logged-in people; the token itself is never stored, only its SHA-256.
CREATE TABLE user_session (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES app_user(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
) STRICT;
