-- The bot's own stores: conversation and user state, where to reach people
-- later, who opted out, and staff corrections.

-- Bot state (botbuilder Storage): one row per key, the item as JSON without
-- its eTag, which has a column of its own (a write carrying another one is
-- refused). `expires` is true for keys whose idle rows are dropped
-- (conversation state); user state is kept.
CREATE TABLE bot_state (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  etag text NOT NULL,
  expires boolean NOT NULL,
  updated_at timestamptz NOT NULL
);
-- The idle sweep and the idle check of reads and writes.
CREATE INDEX bot_state_idle ON bot_state (updated_at) WHERE expires;

-- Conversation references: only what is needed to reach a conversation again
-- (no message ids, no text), dropped once unused for the retention time.
CREATE TABLE conversation_references (
  channel text NOT NULL,
  conversation_id text NOT NULL,
  user_id text,
  reference jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (channel, conversation_id)
);
-- A person's latest conversation on a channel (status notices).
CREATE INDEX conversation_references_user
  ON conversation_references (channel, user_id, updated_at DESC)
  WHERE user_id IS NOT NULL;
-- The retention sweep.
CREATE INDEX conversation_references_updated ON conversation_references (updated_at);

-- Who asked not to be messaged (STOP): checked before every outbound message.
CREATE TABLE opt_outs (
  channel text NOT NULL,
  user_id text NOT NULL,
  keyword text NOT NULL,
  opted_out_at timestamptz NOT NULL,
  PRIMARY KEY (channel, user_id)
);

-- Staff corrections, newest first by `seq`; the oldest go beyond the limit.
CREATE TABLE corrections (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text NOT NULL UNIQUE,
  made_at timestamptz NOT NULL,
  question text NOT NULL,
  outcome text NOT NULL,
  answered_topic text,
  score double precision NOT NULL,
  correct_topic text,
  note text,
  made_by text NOT NULL
);
