-- Head office's quick keys for this outlet's type (快捷键): the touch grid of loose produce, by
-- category tab, in head office's order. Replaced whole by every master-data pull that carries
-- them; a key whose product the till does not sell is not shown.
CREATE TABLE quick_key (
    position INTEGER PRIMARY KEY CHECK (position >= 1),
    category TEXT NOT NULL CHECK (length(category) > 0),
    sku      TEXT NOT NULL,
    label    TEXT NOT NULL                              -- '' shows the product's name
) STRICT;
