-- The returns stored against a sale, found by its UUID: a till taking a return of another
-- till's receipt asks head office what was returned of it already (GET /v1/sale), and ingest
-- refuses a return that takes more of a line than was sold.
CREATE INDEX sale_returns_of ON sale(outlet_id, original_uuid) WHERE original_uuid IS NOT NULL;
