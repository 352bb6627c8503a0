-- A return rung up against a sale of another till of the outlet: that sale is not in this
-- till's database (original_sale_id stays NULL), so the return keeps what head office knows it
-- by: its UUID (sent as the return's original_uuid) and its receipt number (printed on the
-- return's receipt).
ALTER TABLE sale ADD COLUMN original_uuid TEXT;
ALTER TABLE sale ADD COLUMN original_receipt_no TEXT;
CREATE INDEX sale_original_uuid ON sale(original_uuid) WHERE original_uuid IS NOT NULL;
