import type { Activity } from 'botbuilder';

/**
 * Where Direct Line conversations and their activities live: the port the
 * router, the adapter and the WebSocket stream use. Two implementations:
 * `ConversationLog` (conversation-log.ts, in memory, the default for one
 * process) and storage/postgres/directline-store.ts (every instance shares the
 * conversations, and a stream on one instance sees what another appended).
 *
 * Activities of a conversation are numbered from 0 in the order they were
 * appended; a watermark is the number of the next activity a client has not
 * seen yet (as a string: Web Chat compares it as one). The same number means
 * the same activity on every instance.
 */
export interface DirectLineStore {
  /** Creates the conversation, or returns it when it exists (and is not idle too long). `created` says which. */
  open(id: string, userId: string, staff: boolean): Promise<OpenedConversation>;
  /** The live conversation, marked as used; undefined when unknown or idle too long. */
  get(id: string): Promise<DirectLineConversation | undefined>;
  /**
   * Appends an activity (its `id` is replaced by ours) and tells every
   * subscriber, on any instance. Returns the activity's id, or undefined when
   * the conversation is gone.
   */
  append(conversationId: string, activity: Activity): Promise<string | undefined>;
  /** Activities kept after `watermark` (all kept ones when absent or not a count); undefined when the conversation is gone. */
  after(conversationId: string, watermark: string | undefined): Promise<ActivityPage | undefined>;
  /**
   * Calls `listener` first with the activities kept after `watermark` (one
   * page, when there are any), then with each new activity, in order, each
   * once. Resolves once the replay was handed over; call the returned function
   * to stop.
   */
  subscribe(
    conversationId: string,
    watermark: string | undefined,
    listener: ActivityListener,
  ): Promise<() => void>;
  /**
   * Counts `count` more photos against the conversation's limit of `max`;
   * false (and nothing counted) when they would go over it or the conversation is gone.
   */
  addUploads(conversationId: string, count: number, max: number): Promise<boolean>;
  /** Drops conversations idle for too long; returns how many went. */
  sweep(): Promise<number>;
  /** Stops timers and listeners; the store is not used afterwards. */
  close(): Promise<void>;
}

export interface DirectLineConversation {
  readonly id: string;
  /** Ours, never the client's (from the token). */
  readonly userId: string;
  /** Staff console conversations keep `channelData.explain` on bot replies; residents' do not. */
  readonly staff: boolean;
  readonly createdAt: Date;
}

export interface OpenedConversation {
  readonly conversation: DirectLineConversation;
  readonly created: boolean;
}

export interface ActivityPage {
  readonly activities: readonly Activity[];
  /** Always a string: Web Chat compares it as one. */
  readonly watermark: string;
}

/** Something that wants the activities of one conversation (a WebSocket stream). */
export type ActivityListener = (page: ActivityPage) => void;

/** Activities kept per conversation; older ones are dropped (a reconnecting client just misses them). */
export const MAX_ACTIVITIES_PER_CONVERSATION = 500;
/** A conversation nobody touched for this long is dropped. */
export const CONVERSATION_IDLE_MS = 2 * 60 * 60 * 1000;

/** The id of activity number `seq` of a conversation: the same on every instance. */
export function activityId(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(7, '0')}`;
}

/** The activity number a watermark names; 0 (from the start) when absent or not a count. */
export function parseWatermark(watermark: string | undefined): number {
  if (watermark === undefined) return 0;
  const n = Number(watermark);
  return Number.isSafeInteger(n) && n >= 0 ? n : 0;
}
