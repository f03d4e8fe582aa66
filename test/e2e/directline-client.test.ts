/**
 * Our Direct Line endpoint as the official client library sees it
 * (`botframework-directlinejs`, what Web Chat and most Direct Line apps use),
 * against the whole app on loopback. A client that loses its WebSocket, or
 * comes back later with the watermark it had, must get each activity once.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { connect, createServer, type Socket } from 'node:net';
import { type Activity, DirectLine, type Services } from 'botframework-directlinejs';
import { WebSocket } from 'ws';
import { waitUntil } from '../helpers/loopback-server.js';
import { type MainServer, startMain } from '../helpers/main-server.js';

interface Subscriber<T> {
  next(value: T): void;
  error(error: unknown): void;
  complete(): void;
}
interface AjaxRequest {
  readonly method?: string;
  readonly url?: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}
interface AjaxResult {
  readonly status: number;
  readonly response: unknown;
  readonly xhr: { getResponseHeader(name: string): string | null };
}

/** rxjs 5, resolved from the client itself, so ours is the very Observable class it extends. */
const { Observable } = createRequire(createRequire(import.meta.url).resolve('botframework-directlinejs'))(
  'rxjs/Observable',
) as { Observable: { create<T>(subscribe: (subscriber: Subscriber<T>) => () => void): unknown } };

/**
 * The client's `ajax` service over fetch: Node has no XMLHttpRequest, which rxjs's
 * default ajax needs. Same contract: JSON bodies, `{status, response}` results,
 * errors carrying the status. Everything else is the client's own code.
 */
function fetchAjax(request: AjaxRequest): unknown {
  return Observable.create<AjaxResult>((subscriber) => {
    const abort = new AbortController();
    fetch(request.url ?? '', {
      method: request.method ?? 'GET',
      headers: request.headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: abort.signal,
    }).then(
      async (res) => {
        const text = await res.text();
        const result: AjaxResult = {
          status: res.status,
          response: text ? JSON.parse(text) : null,
          xhr: { getResponseHeader: (name) => res.headers.get(name) },
        };
        if (res.ok) {
          subscriber.next(result);
          subscriber.complete();
        } else subscriber.error(result);
      },
      (error: unknown) => subscriber.error({ status: 0, error }),
    );
    return () => abort.abort();
  });
}

/** A TCP relay in front of the app; `drop()` cuts every connection, like a phone losing its network. */
async function relay(target: string): Promise<{ url: string; drop(): void; close(): Promise<void> }> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const drop = () => {
    for (const socket of sockets) socket.destroy();
  };
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    drop,
    close: () => {
      drop();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface Client {
  /** Every activity the client delivered to the app, in order. */
  readonly seen: Activity[];
  /** Sends a message; resolves with its id once the bot has answered it on the stream. */
  say(text: string): Promise<string>;
  end(): void;
}

function openClient(options: { domain: string; token: string; conversationId?: string; watermark?: string }) {
  const line = new DirectLine({
    ...options,
    webSocket: true,
    ajax: fetchAjax as unknown as Services['ajax'],
    // The client waits 3-15 s before reconnecting; 3 s keeps the test short.
    random: () => 0,
  });
  const seen: Activity[] = [];
  const subscription = line.activity$.subscribe((activity) => seen.push(activity));
  const client: Client = {
    seen,
    say: async (text) => {
      const id = await new Promise<string>((resolve, reject) => {
        line.postActivity({ type: 'message', from: { id: 'resident' }, text }).subscribe(resolve, reject);
      });
      const answered = () => {
        const echo = seen.findIndex((a) => a.id === id);
        return echo >= 0 && seen.slice(echo + 1).some((a) => a.from.id !== seen[echo]?.from.id);
      };
      await waitUntil(answered, `the reply to "${text}"`, 20_000);
      return id;
    },
    end: () => {
      subscription.unsubscribe();
      line.end();
    },
  };
  return client;
}

const duplicates = (activities: readonly Activity[]) =>
  activities.map((a) => a.id).filter((id, i, ids) => ids.indexOf(id) !== i);

async function webChatToken(base: string): Promise<{ token: string; conversationId: string }> {
  const res = await fetch(`${base}/api/webchat/token`, { method: 'POST' });
  return (await res.json()) as { token: string; conversationId: string };
}

describe('Direct Line with the official client (botframework-directlinejs, WebSocket)', function () {
  this.timeout(60_000);
  let app: MainServer;
  const clients: Client[] = [];
  const globals = globalThis as { WebSocket?: unknown };
  const nativeWebSocket = globals.WebSocket;

  before(async () => {
    // The client streams only when it finds a WebSocket global, as in a browser.
    globals.WebSocket = WebSocket;
    app = await startMain();
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.end();
  });
  after(async () => {
    globals.WebSocket = nativeWebSocket;
    await app?.stop();
  });

  it('reconnects after the network drops and delivers each activity once', async () => {
    const network = await relay(app.base);
    try {
      const { token } = await webChatToken(network.url);
      const client = openClient({ domain: `${network.url}/directline`, token });
      clients.push(client);
      await waitUntil(() => client.seen.length > 0, 'the welcome', 10_000);
      await client.say('when is my trash picked up');
      const before = client.seen.length;

      network.drop();
      await client.say('how do I get a free smoke alarm');
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.deepEqual(duplicates(client.seen), [], 'no activity delivered twice');
      assert.ok(client.seen.length > before + 1, 'the second question and its answer arrived');
    } finally {
      await network.close();
    }
  });

  it('resumes a conversation with the watermark it had: only newer activities arrive', async () => {
    const { token, conversationId } = await webChatToken(app.base);
    const domain = `${app.base}/directline`;
    const first = openClient({ domain, token });
    clients.push(first);
    await waitUntil(() => first.seen.length > 0, 'the welcome', 10_000);
    await first.say('when is my trash picked up');
    first.end();
    // What an app keeps to resume: the watermark of what it has shown.
    const page = await fetch(`${domain}/conversations/${conversationId}/activities`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { watermark } = (await page.json()) as { watermark: string };

    const resumed = openClient({ domain, token, conversationId, watermark });
    clients.push(resumed);
    const id = await resumed.say('how do I get a free smoke alarm');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const old = new Set(first.seen.map((a) => a.id));
    assert.deepEqual(
      resumed.seen.filter((a) => old.has(a.id)).map((a) => a.id),
      [],
      'nothing the first client already showed',
    );
    assert.equal(resumed.seen[0]?.id, id, 'the stream starts with the new message');
    assert.deepEqual(duplicates(resumed.seen), []);
  });
});
