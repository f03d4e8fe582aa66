import { randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { Clock } from '../../bot/clock.js';
import {
  type ActivityListener,
  type ActivityPage,
  activityId,
  CONVERSATION_IDLE_MS,
  type DirectLineConversation,
  type DirectLineStore,
  MAX_ACTIVITIES_PER_CONVERSATION,
  type OpenedConversation,
  parseWatermark,
} from './directline-store.js';

/** Conversations kept in memory at once; the least recently used goes first. */
export const MAX_CONVERSATIONS = 5_000;
/** Bytes of activities (as JSON) kept across all conversations; the least recently used go first. */
export const MAX_TOTAL_BYTES = 64 * 1024 * 1024;

interface Conversation extends DirectLineConversation {
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
 * The in-memory DirectLineStore, the default for one process: every activity
 * in order, numbered; the watermark is the number of activities a client has
 * seen. Bounded in activities per conversation, number of conversations,
 * bytes and idle time. Everything happens synchronously inside each call, so
 * a subscriber never misses an activity between its replay and the stream.
 */
export class ConversationLog implements DirectLineStore {
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

  async open(id: string, userId: string, staff: boolean): Promise<OpenedConversation> {
    const existing = this.touch(id);
    if (existing) return { conversation: existing, created: false };
    this.dropIdle();
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

  async get(id: string): Promise<DirectLineConversation | undefined> {
    return this.touch(id);
  }

  async append(conversationId: string, activity: Activity): Promise<string | undefined> {
    const conversation = this.touch(conversationId);
    if (!conversation) return undefined;
    const seq = conversation.firstSeq + conversation.activities.length;
    const id = activityId(conversation.id, seq);
    const stored = { ...activity, id } as Activity;
    const size = JSON.stringify(stored).length;
    conversation.activities.push(stored);
    conversation.sizes.push(size);
    conversation.bytes += size;
    this.totalBytes += size;
    if (conversation.activities.length > this.maxActivities) this.dropOldest(conversation);
    this.enforceByteBudget(conversation);
    const page: ActivityPage = { activities: [stored], watermark: String(seq + 1) };
    for (const listener of conversation.listeners) listener(page);
    return id;
  }

  async after(conversationId: string, watermark: string | undefined): Promise<ActivityPage | undefined> {
    const conversation = this.live(conversationId);
    return conversation ? this.page(conversation, watermark) : undefined;
  }

  async subscribe(
    conversationId: string,
    watermark: string | undefined,
    listener: ActivityListener,
  ): Promise<() => void> {
    const conversation = this.live(conversationId);
    if (!conversation) return () => undefined;
    const replay = this.page(conversation, watermark);
    if (replay.activities.length > 0) listener(replay);
    conversation.listeners.add(listener);
    return () => conversation.listeners.delete(listener);
  }

  async addUploads(conversationId: string, count: number, max: number): Promise<boolean> {
    const conversation = this.live(conversationId);
    if (!conversation || conversation.uploads + count > max) return false;
    conversation.uploads += count;
    return true;
  }

  async sweep(): Promise<number> {
    return this.dropIdle();
  }

  async close(): Promise<void> {
    for (const id of [...this.conversations.keys()]) this.drop(id);
  }

  /** Conversations kept (for tests and metrics). */
  get size(): number {
    return this.conversations.size;
  }

  /** Bytes kept across all conversations (for tests and metrics). */
  get bytes(): number {
    return this.totalBytes;
  }

  /** The conversation unless idle too long (then it goes), without marking it used. */
  private live(id: string): Conversation | undefined {
    const conversation = this.conversations.get(id);
    if (!conversation) return undefined;
    if (this.clock().getTime() - conversation.lastUsed > this.idleMs) {
      this.drop(id);
      return undefined;
    }
    return conversation;
  }

  /** The live conversation, marked used (and moved last in LRU order). */
  private touch(id: string): Conversation | undefined {
    const conversation = this.live(id);
    if (!conversation) return undefined;
    conversation.lastUsed = this.clock().getTime();
    this.conversations.delete(id);
    this.conversations.set(id, conversation);
    return conversation;
  }

  private page(conversation: Conversation, watermark: string | undefined): ActivityPage {
    const end = conversation.firstSeq + conversation.activities.length;
    const from = parseWatermark(watermark);
    const start = Math.max(0, Math.min(from, end) - conversation.firstSeq);
    return { activities: conversation.activities.slice(start), watermark: String(end) };
  }

  private dropIdle(): number {
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
