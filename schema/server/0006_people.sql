-- People (issue 15): head office disables and removes managers and cashiers. A disabled user
-- cannot log in and has no session; a removed cashier stays as a record so that tills learn it
-- is inactive (master data travels as changes), and is never re-enabled (add them again).
ALTER TABLE app_user ADD COLUMN disabled_at TEXT;
ALTER TABLE cashier ADD COLUMN removed_at TEXT;
