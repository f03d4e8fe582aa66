-- Rate limits shared by every instance (storage/postgres/attempt-counters.ts):
-- wrong staff tokens per client, failed liaison link codes per identity and in all.

-- One row per key and its open window. `key` is a SHA-256 digest of the
-- limit's key (which names a client address or a phone number), so no
-- address or number is stored in clear. A hit is one INSERT ... ON CONFLICT
-- DO UPDATE on the key: counted atomically, however many instances hit it at
-- once. A row whose window has closed is reopened by its next hit, and swept
-- (by `expires_at`) otherwise.
CREATE TABLE attempt_counts (
  key text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  count integer NOT NULL
);
CREATE INDEX attempt_counts_expires ON attempt_counts (expires_at);
