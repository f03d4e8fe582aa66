-- Service requests (Open311 GeoReport v2 records). The tracking number is the
-- primary key, so two instances can never hand out the same one. The whole
-- request is kept as JSON (what the API returns), with the columns every query
-- filters or sorts on beside it.
CREATE TABLE requests (
  id text PRIMARY KEY,
  service_code text NOT NULL,
  status text NOT NULL,
  requested_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  requester_channel text NOT NULL,
  requester_user text NOT NULL,
  account_id text,
  neighborhood text,
  -- An intake's key: filing the same report again returns the stored request.
  idempotency_key text UNIQUE,
  body jsonb NOT NULL
);
CREATE INDEX requests_requested_at ON requests (requested_at DESC, id DESC);
CREATE INDEX requests_service_requested ON requests (service_code, requested_at DESC);
CREATE INDEX requests_status_requested ON requests (status, requested_at DESC);
CREATE INDEX requests_requester ON requests (requester_channel, requester_user);
CREATE INDEX requests_account ON requests (account_id) WHERE account_id IS NOT NULL;
CREATE INDEX requests_neighborhood ON requests (neighborhood) WHERE neighborhood IS NOT NULL;

-- Residents who follow a request (notified of its changes); one row per person.
CREATE TABLE request_followers (
  request_id text NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
  channel text NOT NULL,
  user_id text NOT NULL,
  position integer NOT NULL,
  PRIMARY KEY (request_id, channel, user_id)
);
CREATE INDEX request_followers_person ON request_followers (channel, user_id);

-- Tracking numbers of erased requests: never issued again.
CREATE TABLE retired_tracking_numbers (
  id text PRIMARY KEY
);
