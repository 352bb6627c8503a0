-- What the server answered for each outbox row, and which shift reports were uploaded.
ALTER TABLE outbox ADD COLUMN status TEXT CHECK (status IN ('stored', 'duplicate', 'quarantined'));
ALTER TABLE outbox ADD COLUMN reason TEXT;
CREATE INDEX outbox_pending ON outbox(seq) WHERE acked_at IS NULL;
ALTER TABLE shift ADD COLUMN uploaded_at TEXT;
