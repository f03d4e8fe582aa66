import { randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { Clock } from '../../bot/clock.js';

/** Activities kept per conversation; older ones are dropped (a reconnecting client just misses them). */
export const MAX_ACTIVITIES_PER_CONVERSATION = 500;
/** Conversations kept in memory at once; the least recently used goes first. */
export const MAX_CONVERSATIONS = 5_000;
/** Bytes of activities (as JSON) kept across all conversations; the least recently used go first. */
export const MAX_TOTAL_BYTES = 64 * 1024 * 1024;
/** A conversation nobody touched for this long is dropped. */
export const CONVERSATION_IDLE_MS = 2 * 60 * 60 * 1000;

/** Something that wants every new activity of one conversation (a WebSocket stream). */
export type ActivityListener = (activity: Activity, watermark: string) => void;

export interface Conversation {
  readonly id: string;
  readonly userId: string;
  /** Staff console conversations keep `channelData.explain` on bot replies; residents' do not. */
  readonly staff: boolean;
  readonly createdAt: Date;
  lastUsed: number;
  /** Sequence number of the first activity still kept. */
  firstSeq: number;
  readonly activities: Activity[];
  /** JSON size of each kept activity, in step with `activities`. */
  readonly sizes: number[];
  bytes: number;
  /** Photos uploaded in this conversation (bounded: they are kept on disk). */
  uploads: number;
  readonly listeners: Set<ActivityListener>;
}

export interface ActivityPage {
  readonly activities: readonly Activity[];
  /** Always a string: Web Chat compares it as one. */
  readonly watermark: string;
}

export function newConversationId(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * User ids are ours, never the client's: a chosen id could read someone else's
 * requests. (Web Chat reserves the prefix dl_ for ids inside its own token format.)
 */
export function randomUserId(): string {
  return `w_${randomBytes(12).toString('base64url')}`;
}

/**
 * The in-memory record of Direct Line conversations: every activity in order,
 * numbered; the watermark is the number of activities a client has seen.
 * Bounded in activities per conversation, number of conversations and idle time.
 */
export class ConversationLog {
  private readonly conversations = new Map<string, Conversation>();
  private readonly clock: Clock;
  private readonly maxActivities: number;
  private readonly maxConversations: number;
  private readonly idleMs: number;
  private readonly maxBytes: number;
  private totalBytes = 0;

  constructor(
    options: {
      clock: Clock;
      maxActivities?: number;
      maxConversations?: number;
      idleMs?: number;
      maxBytes?: number;
    } = { clock: () => new Date() },
  ) {
    this.clock = options.clock;
    this.maxActivities = options.maxActivities ?? MAX_ACTIVITIES_PER_CONVERSATION;
    this.maxConversations = options.maxConversations ?? MAX_CONVERSATIONS;
    this.idleMs = options.idleMs ?? CONVERSATION_IDLE_MS;
    this.maxBytes = options.maxBytes ?? MAX_TOTAL_BYTES;
  }

  /** Creates the conversation, or returns it when it exists. `created` says which. */
  open(id: string, userId: string, staff: boolean): { conversation: Conversation; created: boolean } {
    const existing = this.get(id);
    if (existing) return { conversation: existing, created: false };
    this.sweep();
    while (this.conversations.size >= this.maxConversations) {
      const oldest = this.conversations.keys().next().value;
      if (oldest === undefined) break;
      this.drop(oldest);
    }
    const now = this.clock();
    const conversation: Conversation = {
      id,
      userId,
      staff,
      createdAt: now,
      lastUsed: now.getTime(),
      firstSeq: 0,
      activities: [],
      sizes: [],
      bytes: 0,
      uploads: 0,
      listeners: new Set(),
    };
    this.conversations.set(id, conversation);
    return { conversation, created: true };
  }

  /** The live conversation, touching it (LRU order); undefined when unknown or idle too long. */
  get(id: string): Conversation | undefined {
    const conversation = this.conversations.get(id);
    if (!conversation) return undefined;
    const now = this.clock().getTime();
    if (now - conversation.lastUsed > this.idleMs) {
      this.drop(id);
      return undefined;
    }
    conversation.lastUsed = now;
    this.conversations.delete(id);
    this.conversations.set(id, conversation);
    return conversation;
  }

  /** Appends an activity, gives it its id, tells listeners; returns the id. */
  append(conversation: Conversation, activity: Activity): string {
    const seq = conversation.firstSeq + conversation.activities.length;
    const id = `${conversation.id}|${String(seq).padStart(7, '0')}`;
    const stored = { ...activity, id } as Activity;
    const size = JSON.stringify(stored).length;
    conversation.activities.push(stored);
    conversation.sizes.push(size);
    conversation.bytes += size;
    this.totalBytes += size;
    if (conversation.activities.length > this.maxActivities) this.dropOldest(conversation);
    this.enforceByteBudget(conversation);
    const watermark = String(seq + 1);
    for (const listener of conversation.listeners) listener(stored, watermark);
    return id;
  }

  /** Activities after `watermark` (all kept ones when absent or not a number). */
  after(conversation: Conversation, watermark: string | undefined): ActivityPage {
    const end = conversation.firstSeq + conversation.activities.length;
    const from = parseWatermark(watermark);
    const start = Math.max(0, Math.min(from, end) - conversation.firstSeq);
    return { activities: conversation.activities.slice(start), watermark: String(end) };
  }

  /** Drops conversations idle for too long; returns how many went. */
  sweep(): number {
    const now = this.clock().getTime();
    let dropped = 0;
    for (const [id, conversation] of this.conversations) {
      if (now - conversation.lastUsed > this.idleMs) {
        this.drop(id);
        dropped += 1;
      }
    }
    return dropped;
  }

  get size(): number {
    return this.conversations.size;
  }

  /** Bytes kept across all conversations (for tests and metrics). */
  get bytes(): number {
    return this.totalBytes;
  }

  private dropOldest(conversation: Conversation): void {
    conversation.activities.shift();
    const size = conversation.sizes.shift() ?? 0;
    conversation.bytes -= size;
    this.totalBytes -= size;
    conversation.firstSeq += 1;
  }

  /** Over budget: whole least recently used conversations go first, then the current one's oldest activities. */
  private enforceByteBudget(current: Conversation): void {
    for (const [id, conversation] of this.conversations) {
      if (this.totalBytes <= this.maxBytes) return;
      if (conversation !== current) this.drop(id);
    }
    while (this.totalBytes > this.maxBytes && current.activities.length > 1) this.dropOldest(current);
  }

  private drop(id: string): void {
    const conversation = this.conversations.get(id);
    if (!conversation) return;
    conversation.listeners.clear();
    this.totalBytes -= conversation.bytes;
    this.conversations.delete(id);
  }
}

function parseWatermark(watermark: string | undefined): number {
  if (watermark === undefined) return 0;
  const n = Number(watermark);
  return Number.isInteger(n) && n >= 0 ? n : 0;
}
