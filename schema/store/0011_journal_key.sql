-- The till's own integrity: how each till event's hash was made (2: SHA-256 chain, as every
-- event before this version; 3: HMAC-SHA256 under the till's journal key, the file
-- store-admin issue-cert writes beside the till's private key). The journal table already
-- names each entry's scheme (store schema 9), 3 included.
ALTER TABLE till_event ADD COLUMN scheme INTEGER NOT NULL DEFAULT 2;
