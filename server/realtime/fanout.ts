/**
 * Sending a rendered batch to one socket, synchronously. Its messages are written corked, so a
 * batch of several events leaves in one write instead of one syscall per message.
 */
import type { Duplex } from 'node:stream';
import { MAX_BUFFERED, type SocketClient } from './socket-client.ts';

/** Sends texts[from…] (nulls are events this reader may not see); false once the socket is cut. */
export function sendTexts(client: SocketClient, texts: readonly (string | null)[], from: number): boolean {
  // ws keeps the TCP socket private; without it the messages still go out, one write each.
  const raw = (client.socket as unknown as { _socket?: Duplex })._socket;
  const cork = !!raw && from < texts.length - 1;
  if (cork) raw.cork();
  try {
    for (let i = from; i < texts.length; i++) {
      const text = texts[i];
      if (text !== null && !client.sendRaw(text)) return false;
    }
    return true;
  } finally {
    if (cork) raw.uncork();
  }
}

/**
 * Sends texts in slices of at most a quarter of the buffer cap, waiting for the socket to drain
 * between slices: a replay after a reconnect can be megabytes, which sent in one go would pass
 * the cap and cut the socket again, so it could never catch up (SECURITY.md WS-87).
 */
export async function sendPaced(client: SocketClient, texts: readonly (string | null)[], slice = MAX_BUFFERED / 4): Promise<boolean> {
  let i = 0;
  while (i < texts.length) {
    let j = i;
    let bytes = 0;
    while (j < texts.length && (j === i || bytes + (texts[j]?.length ?? 0) <= slice)) bytes += texts[j++]?.length ?? 0;
    if (!sendTexts(client, texts.slice(i, j), 0)) return false;
    i = j;
    if (i < texts.length && !(await client.drained(slice))) return false;
  }
  return true;
}
