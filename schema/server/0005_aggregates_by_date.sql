-- Day x outlet aggregates keyed by date first: the dashboard and the ranking read date ranges
-- across all outlets, which is now one contiguous range of the table instead of an index walk
-- with a look-up per row (a year of 100,000 outlets is 36.5 million rows).
CREATE TABLE agg_outlet_day_new (
    business_date   TEXT NOT NULL,
    outlet_id       INTEGER NOT NULL,
    revenue_fen     INTEGER NOT NULL,
    sales_fen       INTEGER NOT NULL,
    return_fen      INTEGER NOT NULL,
    grams           INTEGER NOT NULL,
    tickets         INTEGER NOT NULL,
    return_tickets  INTEGER NOT NULL,
    late_tickets    INTEGER NOT NULL,
    lines           INTEGER NOT NULL,
    compliant_lines INTEGER NOT NULL,
    PRIMARY KEY (business_date, outlet_id)
) WITHOUT ROWID, STRICT;
INSERT INTO agg_outlet_day_new SELECT * FROM agg_outlet_day;
DROP TABLE agg_outlet_day;
ALTER TABLE agg_outlet_day_new RENAME TO agg_outlet_day;
