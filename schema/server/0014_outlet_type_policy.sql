-- What head office sets per outlet type for its tills. cash_rounding (抹零): what a cash
-- payment's amount is rounded down to: 'jiao' (the default for a type without a row), 'yuan'
-- or 'off' (to the fen). Sent with every master-data pull.
CREATE TABLE outlet_type_policy (
    type          TEXT PRIMARY KEY CHECK (type IN ('flagship', 'direct', 'franchise', 'counter',
                                                   'popup', 'online')),
    cash_rounding TEXT NOT NULL CHECK (cash_rounding IN ('off', 'jiao', 'yuan'))
) STRICT;
