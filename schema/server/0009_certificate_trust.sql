-- Certificates checked on every request, and one certificate per till.
--
-- trust_generation goes up with every change that can withdraw a certificate's trust: a
-- certificate issued, revoked or removed, an outlet's status changed or an outlet removed. The
-- server reads this one row on every request of a kept-alive connection and repeats the full
-- look-up of the connection's certificate only when the number moved. Triggers keep it, so
-- every path that changes these tables (store-admin, registry imports, the office API) bumps it.
CREATE TABLE trust_generation (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    generation INTEGER NOT NULL
) STRICT;
INSERT INTO trust_generation(id, generation) VALUES (1, 0);

CREATE TRIGGER certificate_issued AFTER INSERT ON certificate
BEGIN
    UPDATE trust_generation SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER certificate_changed AFTER UPDATE ON certificate
BEGIN
    UPDATE trust_generation SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER certificate_removed AFTER DELETE ON certificate
BEGIN
    UPDATE trust_generation SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER outlet_status_changed AFTER UPDATE OF status ON outlet
WHEN OLD.status IS NOT NEW.status
BEGIN
    UPDATE trust_generation SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER outlet_removed AFTER DELETE ON outlet
BEGIN
    UPDATE trust_generation SET generation = generation + 1 WHERE id = 1;
END;

-- The till (terminal number) a certificate belongs to: the server refuses a sale, movement,
-- shift report or reconciliation of any other terminal over it. Certificates issued before
-- this migration were every till's, and become terminal 1's.
ALTER TABLE certificate ADD COLUMN terminal_no INTEGER NOT NULL DEFAULT 1
    CHECK (terminal_no BETWEEN 1 AND 99);
