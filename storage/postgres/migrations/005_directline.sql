-- Web chat (our Direct Line endpoint): conversations and their activities,
-- shared by every instance, by storage/postgres/directline-store.ts. Any
-- instance serves any conversation; a stream open on one instance hears of
-- activities appended by another through NOTIFY (conversation id and number
-- only) and reads them from here.

-- One row per conversation. `next_seq` numbers the next activity: appending
-- takes it under the row's lock, so numbers are gap-free and in commit order
-- across instances (a client's watermark means the same everywhere).
-- `last_used` is the idle clock: a conversation idle longer than the store's
-- limit reads as gone and is deleted with its activities. `uploads` counts
-- the photos residents attached (their files are bounded per conversation).
CREATE TABLE directline_conversations (
  id text PRIMARY KEY,
  user_id text NOT NULL,
  staff boolean NOT NULL,
  created_at timestamptz NOT NULL,
  last_used timestamptz NOT NULL,
  next_seq integer NOT NULL DEFAULT 0,
  uploads integer NOT NULL DEFAULT 0
);
-- The idle sweep.
CREATE INDEX directline_conversations_idle ON directline_conversations (last_used);

-- The activities kept of each conversation (the newest few hundred; older
-- ones are deleted as new ones come), as Direct Line sends them, without
-- their id (conversation id and seq make it). What residents typed: personal
-- data, deleted with the conversation.
CREATE TABLE directline_activities (
  conversation_id text NOT NULL REFERENCES directline_conversations (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  activity jsonb NOT NULL,
  PRIMARY KEY (conversation_id, seq)
);
