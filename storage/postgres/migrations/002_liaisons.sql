-- Neighborhood Liaison accounts (requests/liaison-types.ts). `seq` columns keep
-- the order the embedded store keeps: accounts oldest first, an account's
-- identities and codes in the order they were added.
CREATE TABLE liaison_accounts (
  id text PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  name text NOT NULL,
  neighborhood text NOT NULL,
  organisation text NOT NULL,
  created_at timestamptz NOT NULL,
  -- Set when staff revoke the account: it stops working for every identity.
  revoked_at timestamptz
);

-- One-time link codes: only the SHA-256 of the normalised code is stored, never
-- the code. An account keeps its newest few (used and superseded ones for the record).
CREATE TABLE liaison_link_codes (
  account_id text NOT NULL REFERENCES liaison_accounts (id) ON DELETE CASCADE,
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  hash text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  superseded_at timestamptz
);
-- Redeeming looks a code up by its hash; loading an account reads its codes in order.
CREATE INDEX liaison_link_codes_hash ON liaison_link_codes (hash);
CREATE INDEX liaison_link_codes_account ON liaison_link_codes (account_id, seq);

-- Channel identities linked to an account (channel + user id: personal data).
CREATE TABLE liaison_identities (
  account_id text NOT NULL REFERENCES liaison_accounts (id) ON DELETE CASCADE,
  channel text NOT NULL,
  user_id text NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  linked_at timestamptz NOT NULL,
  -- Set when staff unlink this identity.
  revoked_at timestamptz,
  -- True while the identity acts for the account: false once it is unlinked or
  -- the account is revoked. It never turns true again (a new link is a new row).
  acting boolean NOT NULL DEFAULT true,
  PRIMARY KEY (account_id, channel, user_id),
  CHECK (revoked_at IS NULL OR NOT acting)
);
-- One channel identity acts for one account at most, whichever instance links it;
-- also the index of "which account does this sender act for".
CREATE UNIQUE INDEX liaison_identities_acting ON liaison_identities (channel, user_id) WHERE acting;
