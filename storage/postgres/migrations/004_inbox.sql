-- The inbox (bot/inbox.ts): every message a provider delivers by webhook (SMS,
-- Slack, X), stored under the provider's id before the webhook is acknowledged,
-- by storage/postgres/inbox.ts.

-- One row per delivery. The primary key is the de-duplication: a provider's
-- retry of a stored id inserts nothing, on whichever instance it lands.
-- `done_at` is set once the message's turn has run; until then it is pending,
-- leased to one instance until `lease_until` (another instance claims it after
-- that). `attempts` counts how often it was handed out to run. `payload` holds
-- what the turn needs to run again: personal data, deleted with the row.
CREATE TABLE inbox (
  channel text NOT NULL,
  id text NOT NULL,
  -- Acceptance order: breaks ties between messages accepted in the same millisecond.
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  payload jsonb NOT NULL,
  received_at timestamptz NOT NULL,
  done_at timestamptz,
  lease_until timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 1,
  PRIMARY KEY (channel, id)
);
-- Claiming: pending messages, oldest first (small: a message is pending for seconds).
CREATE INDEX inbox_pending ON inbox (received_at, seq) WHERE done_at IS NULL;
-- Pruning: done messages by age.
CREATE INDEX inbox_done ON inbox (received_at) WHERE done_at IS NOT NULL;
