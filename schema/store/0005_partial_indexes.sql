-- A sale that is not a return, and a stock movement without a lot, have nothing to put in these
-- indexes; as partial indexes they no longer take an index page in every sale's commit (the
-- pages a commit writes are what it has to fsync). Every query that uses them names a value,
-- which implies IS NOT NULL, so the planner still uses them.
DROP INDEX sale_original;
CREATE INDEX sale_original ON sale(original_sale_id) WHERE original_sale_id IS NOT NULL;
DROP INDEX stock_movement_lot;
CREATE INDEX stock_movement_lot ON stock_movement(lot_id) WHERE lot_id IS NOT NULL;
