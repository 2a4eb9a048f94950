/**
 * Baseline: a bare `ws` server that LISTENs on PostgreSQL and broadcasts each notification to
 * its subscribed sockets — the event serialised once, then a plain `ws.send` per socket, no
 * framework, no policy, no database read. Messages have the shape and size of Tashawur's event
 * (EVENT_BYTES), so the same viewers measure both. Run as a child process (see ws-broadcast.ts).
 */
import pg from 'pg';
import { type WebSocket, WebSocketServer } from 'ws';

const channel = process.env.CHANNEL ?? 'bench_events';
const eventBytes = Number(process.env.EVENT_BYTES ?? 600);
const subscribed = new Set<WebSocket>();

function eventFor(seq: number): string {
  const head = `{"type":"event","documentId":"bare","seq":${seq},"kind":"thread.created","data":{"pad":"`;
  const tail = '"}}';
  return head + 'x'.repeat(Math.max(0, eventBytes - head.length - tail.length)) + tail;
}

const listener = new pg.Client({ connectionString: process.env.DATABASE_URL, application_name: 'bench-bare-ws' });
listener.on('notification', (n) => {
  const { seq } = JSON.parse(n.payload ?? '{}') as { seq: number };
  const text = eventFor(seq);
  for (const ws of subscribed) ws.send(text);
});
await listener.connect();
await listener.query(`LISTEN ${channel}`);

const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
server.on('connection', (ws) => {
  ws.on('message', (raw) => {
    const m = JSON.parse(raw.toString()) as { type: string; documentId: string };
    if (m.type !== 'subscribe') return;
    subscribed.add(ws);
    ws.send(JSON.stringify({ type: 'subscribed', documentId: m.documentId, seq: 0, protocol: 'bare' }));
  });
  ws.on('close', () => subscribed.delete(ws));
  ws.on('error', () => ws.terminate());
});

server.on('listening', () => {
  const address = server.address();
  console.log(`bare ws listening on ${typeof address === 'object' && address ? address.port : address}`);
});
process.on('SIGTERM', async () => {
  for (const ws of server.clients) ws.terminate();
  server.close();
  await listener.end().catch(() => {});
  process.exit(0);
});
