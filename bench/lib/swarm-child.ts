/**
 * A child process holding many WebSocket clients (the "viewers"), so that their work never
 * shares an event loop with a server. Driven over IPC by swarm.ts. For each socket it records
 * which event seqs arrived (a bitset: duplicates and gaps are counted exactly), and per seq how
 * many sockets got it and when the first and the last did. Seqs are read without parsing the
 * whole message; one "probe" socket per server parses fully to map seq → thread id. Sockets cut
 * with a reconnect code (1001 going away, 4001 resync, 1006) reconnect and resume from their
 * last contiguous seq, as the real client does.
 */
import WebSocket from 'ws';

interface Viewer {
  url: string;
  ws: WebSocket | null;
  documentId: string | null;
  probe: boolean;
  /** Highest seq below which every seq was received (resume point). */
  contiguous: number;
  last: number;
  seen: Uint8Array;
  received: number;
  duplicates: number;
  outOfOrder: number;
  reconnects: number;
  closes: Record<string, number>;
}

const now = () => performance.timeOrigin + performance.now();
const viewers: Viewer[] = [];
let base = 0;
let perSeq = new Map<number, { n: number; first: number; last: number }>();
const threadOfSeq = new Map<number, string>();
const subscribedWaiters = new Map<Viewer, () => void>();

function mark(v: Viewer, seq: number): void {
  const at = seq - base;
  if (at < 0) return;
  if (at >= v.seen.length * 8) {
    const grown = new Uint8Array(Math.max(v.seen.length * 2, (at >> 3) + 1024));
    grown.set(v.seen);
    v.seen = grown;
  }
  const bit = 1 << (at & 7);
  if (v.seen[at >> 3] & bit) {
    v.duplicates++;
    return;
  }
  v.seen[at >> 3] |= bit;
  v.received++;
  if (seq < v.last) v.outOfOrder++;
  v.last = Math.max(v.last, seq);
  while (v.contiguous + 1 - base < v.seen.length * 8 && v.seen[(v.contiguous + 1 - base) >> 3] & (1 << ((v.contiguous + 1 - base) & 7))) v.contiguous++;
  const t = now();
  const s = perSeq.get(seq);
  if (s) {
    s.n++;
    s.last = t;
  } else perSeq.set(seq, { n: 1, first: t, last: t });
}

function onMessage(v: Viewer, data: WebSocket.RawData): void {
  const text = data.toString();
  if (text.startsWith('{"type":"event"')) {
    const at = text.indexOf('"seq":');
    const seq = Number.parseInt(text.slice(at + 6, at + 18), 10);
    mark(v, seq);
    if (v.probe) {
      const m = JSON.parse(text) as { data?: { thread?: { id?: string }; id?: string } };
      const id = m.data?.thread?.id ?? m.data?.id;
      if (id) threadOfSeq.set(seq, id);
    }
  } else if (text.startsWith('{"type":"subscribed"')) {
    subscribedWaiters.get(v)?.();
  }
}

function connect(v: Viewer, resumeAfter?: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(v.url, { perMessageDeflate: false });
    v.ws = ws;
    ws.on('message', (data) => onMessage(v, data));
    ws.once('error', (e) => reject(e));
    ws.once('open', () => {
      if (!v.documentId) return resolve();
      subscribedWaiters.set(v, () => {
        subscribedWaiters.delete(v);
        resolve();
      });
      ws.send(JSON.stringify({ type: 'subscribe', documentId: v.documentId, ...(resumeAfter !== undefined ? { after: resumeAfter } : {}) }));
    });
    ws.on('close', (code) => {
      v.closes[code] = (v.closes[code] ?? 0) + 1;
      if (v.ws !== ws || closing) return;
      v.ws = null;
      if (code === 1001 || code === 4001 || code === 1006) {
        v.reconnects++;
        reconnect(v, 0);
      }
    });
  });
}

let closing = false;

function reconnect(v: Viewer, attempt: number): void {
  setTimeout(
    () => {
      if (closing) return;
      connect(v, v.documentId ? v.contiguous : undefined).catch(() => {
        if (attempt < 20) reconnect(v, attempt + 1);
      });
    },
    50 + Math.random() * 200 * (attempt + 1),
  );
}

async function open(msg: { urls: string[]; count: number; documentId: string | string[] | null; probes: boolean; concurrency?: number }) {
  const created: Viewer[] = [];
  for (let i = 0; i < msg.count; i++) {
    const url = msg.urls[i % msg.urls.length];
    const documentId = Array.isArray(msg.documentId) ? msg.documentId[i % msg.documentId.length] : msg.documentId;
    created.push({
      url,
      ws: null,
      documentId,
      probe: msg.probes && i < msg.urls.length,
      contiguous: base - 1,
      last: base - 1,
      seen: new Uint8Array(1024),
      received: 0,
      duplicates: 0,
      outOfOrder: 0,
      reconnects: 0,
      closes: {},
    });
  }
  let failed = 0;
  let next = 0;
  const worker = async () => {
    while (next < created.length) {
      const v = created[next++];
      try {
        await connect(v);
        viewers.push(v);
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: msg.concurrency ?? 50 }, worker));
  return { opened: created.length - failed, failed, total: viewers.length };
}

/** Counts from `from` to `to` (inclusive), per socket: lost, duplicated, out of order. */
function report(msg: { from: number; to: number; detail: boolean }) {
  let lost = 0;
  let duplicates = 0;
  let outOfOrder = 0;
  let reconnects = 0;
  const closes: Record<string, number> = {};
  for (const v of viewers) {
    duplicates += v.duplicates;
    outOfOrder += v.outOfOrder;
    reconnects += v.reconnects;
    for (const [code, n] of Object.entries(v.closes)) closes[code] = (closes[code] ?? 0) + n;
    for (let seq = msg.from; seq <= msg.to; seq++) {
      const at = seq - base;
      if (at < 0 || at >= v.seen.length * 8 || !(v.seen[at >> 3] & (1 << (at & 7)))) lost++;
    }
  }
  const seqs: [number, number, number, number][] = [];
  if (msg.detail) for (const [seq, s] of perSeq) if (seq >= msg.from && seq <= msg.to) seqs.push([seq, s.n, s.first, s.last]);
  const threads: [number, string][] = msg.detail ? [...threadOfSeq].filter(([seq]) => seq >= msg.from && seq <= msg.to) : [];
  return { viewers: viewers.length, lost, duplicates, outOfOrder, reconnects, closes, seqs, threads };
}

/** How many seqs in [from, to] every viewer has received. */
function complete(msg: { from: number; to: number }) {
  let done = 0;
  let deliveries = 0;
  for (let seq = msg.from; seq <= msg.to; seq++) {
    const n = perSeq.get(seq)?.n ?? 0;
    deliveries += n;
    if (n >= viewers.length) done++;
  }
  return { done, deliveries, viewers: viewers.length };
}

/** Forget receipts; the next run counts seqs from `base` on. */
function reset(msg: { base: number }) {
  base = msg.base;
  perSeq = new Map();
  threadOfSeq.clear();
  for (const v of viewers)
    Object.assign(v, { contiguous: base - 1, last: base - 1, seen: new Uint8Array(1024), received: 0, duplicates: 0, outOfOrder: 0, reconnects: 0, closes: {} });
  return { viewers: viewers.length };
}

async function closeAll() {
  closing = true;
  await Promise.all(
    viewers.map(
      (v) =>
        new Promise<void>((resolve) => {
          if (!v.ws || v.ws.readyState === WebSocket.CLOSED) return resolve();
          const timer = setTimeout(() => {
            v.ws?.terminate();
            resolve();
          }, 3000);
          v.ws.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          v.ws.close();
        }),
    ),
  );
  viewers.length = 0;
  closing = false;
  return { closed: true };
}

const handlers: Record<string, (msg: never) => unknown> = { open, report, complete, reset, close: closeAll };

process.on('message', async (msg: { id: number; cmd: string }) => {
  try {
    const result = await handlers[msg.cmd](msg as never);
    process.send?.({ id: msg.id, result });
  } catch (e) {
    process.send?.({ id: msg.id, error: (e as Error).message });
  }
});
process.on('disconnect', () => process.exit(0));
process.send?.({ ready: true });
