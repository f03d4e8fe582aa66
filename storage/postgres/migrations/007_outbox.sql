-- The outbox of status notices (requests/outbox.ts): one row per status change
-- not yet announced to everyone, inserted by storage/postgres/request-store.ts
-- in the same statement as the change, claimed and updated by
-- storage/postgres/outbox.ts for the notifier (bot/notifier.ts).

-- `change_index` is the change's position in the request's history. A pending
-- row is due at `due_at`: at once when written, later after a failed attempt
-- (the retry) or while a sender holds it (its lease). `claims` counts claims:
-- a sender's later updates name the count it claimed at, so one whose lease
-- ran out and was taken over changes nothing. `done` holds SHA-256 digests of
-- the recipients already told, never their numbers or ids; no message text is
-- stored. A sent notice's row is deleted; a failed one stays for staff, and
-- goes with its request when the request is erased.
CREATE TABLE outbox (
  request_id text NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
  change_index integer NOT NULL,
  created_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'failed')),
  due_at timestamptz NOT NULL,
  claims integer NOT NULL DEFAULT 0,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  failed_channels text[] NOT NULL DEFAULT '{}',
  done text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (request_id, change_index)
);
-- Claiming: pending rows by due time (few: a row is pending for seconds unless its sends fail).
CREATE INDEX outbox_due ON outbox (due_at, created_at) WHERE status = 'pending';
-- Staff's lists, newest first.
CREATE INDEX outbox_newest ON outbox (created_at DESC);
