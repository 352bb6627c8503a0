-- Ranking inputs the server no longer takes on a till's word.
--
-- A stock movement that breaks a rule (a positive transfer_out, an unknown kind or product, a
-- transfer to an unknown outlet or to the sender itself, a mistyped record) is kept here whole,
-- with the rule it broke; the rest of its batch is stored.
CREATE TABLE movement_quarantine (
    id          INTEGER PRIMARY KEY,
    outlet_id   INTEGER NOT NULL REFERENCES outlet(id),
    terminal_no INTEGER NOT NULL,
    uuid        TEXT NOT NULL,                 -- '' when the record had none readable
    rule        TEXT NOT NULL,                 -- e.g. movement.sign, transfer.destination
    reason      TEXT NOT NULL,
    body        TEXT NOT NULL,                 -- the record's JSON as received
    received_at TEXT NOT NULL
) STRICT;

CREATE INDEX movement_quarantine_outlet_uuid ON movement_quarantine(outlet_id, uuid);

-- A reconciliation proves a day's sales were in only for the sales that were: how many of the
-- day's sales the server held when `first_at` was recorded. A day counts as on time when that
-- is all of its sales (see docs/ranking.md). Old rows count what had arrived by their time.
ALTER TABLE reconciled_day ADD COLUMN sales_in INTEGER NOT NULL DEFAULT 0;
UPDATE reconciled_day SET sales_in = (
    SELECT COUNT(*) FROM sale s WHERE s.outlet_id = reconciled_day.outlet_id
    AND s.business_date = reconciled_day.business_date AND s.received_at <= reconciled_day.first_at);
DELETE FROM reconciled_day WHERE sales_in = 0;
