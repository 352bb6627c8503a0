-- Sales of an outlet-day by kind and time: ingest counts a day's late tickets (the sales of the
-- 30 minutes before its last sale) as each batch comes in, from the day's last sale backwards,
-- instead of rolling the whole day up again. Replaces sale_outlet_day, whose columns it starts
-- with, so that a stored sale still updates as many indexes as before.
CREATE INDEX sale_outlet_day_time ON sale(outlet_id, business_date, kind, completed_at);
DROP INDEX sale_outlet_day;
