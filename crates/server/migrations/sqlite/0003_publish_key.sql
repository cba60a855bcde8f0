-- A publish may carry an Idempotency-Key (a queued offline publish retried after a lost answer):
-- its hash is kept so the same key can never store a second pattern.
ALTER TABLE patterns ADD COLUMN publish_key_hash TEXT;
CREATE UNIQUE INDEX patterns_publish_key ON patterns (publish_key_hash) WHERE publish_key_hash IS NOT NULL;
