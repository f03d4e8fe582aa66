-- Service requests (requests/types.ts), stored by storage/postgres/request-store.ts.

-- Every tracking number ever issued, live or retired. Its primary key is what
-- makes numbers unique across instances: a store claims a number by inserting
-- it here, and draws again when the insert finds it taken. Erasing a request
-- deletes the request but keeps its number here (retired_at set), so it is
-- never issued again.
CREATE TABLE tracking_numbers (
  id text PRIMARY KEY,
  retired_at timestamptz
);

-- One row per request. `body` is the record as the port returns it, less `id`
-- and `followers` (the exact strings the caller gave, so a record reads back
-- unchanged); the columns beside it are copies of the fields that queries
-- filter and sort on, written in the same statement as the body. Reading a
-- request is reading one row.
CREATE TABLE requests (
  id text PRIMARY KEY REFERENCES tracking_numbers (id),
  -- Filing order: breaks ties between requests filed in the same millisecond.
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  service_code text NOT NULL,
  status text NOT NULL,
  requested_at timestamptz NOT NULL,
  requester_channel text NOT NULL,
  requester_user text NOT NULL,
  account_id text,
  neighborhood text,
  -- The caller's key for one filing (an SMS message id, an Open311 client's
  -- retry token): filing again with the same key returns this request.
  idempotency_key text UNIQUE,
  body jsonb NOT NULL,
  -- Residents who follow the request (told of its changes), in the order they
  -- started: [{"channel", "userId", "conversationId"?}], once per person.
  followers jsonb NOT NULL DEFAULT '[]'
);
-- Newest first, optionally within dates: every list (Open311, staff) starts here.
CREATE INDEX requests_newest ON requests (requested_at DESC, seq DESC);
CREATE INDEX requests_service_newest ON requests (service_code, requested_at DESC, seq DESC);
-- The duplicate check reads the open requests of one service.
CREATE INDEX requests_open_service ON requests (service_code, requested_at DESC, seq DESC)
  WHERE status IN ('received', 'in-progress', 'scheduled');
CREATE INDEX requests_requester ON requests (requester_channel, requester_user, requested_at DESC);
CREATE INDEX requests_account ON requests (account_id, requested_at DESC) WHERE account_id IS NOT NULL;
CREATE INDEX requests_neighborhood ON requests (neighborhood, requested_at DESC) WHERE neighborhood IS NOT NULL;
-- "Requests this person follows" (followers @> '[{"channel": ..., "userId": ...}]'),
-- beside requests_requester for the ones they filed.
CREATE INDEX requests_followers ON requests USING gin (followers jsonb_path_ops);
