/**
 * Sending a rendered batch to one socket, synchronously. Its messages are written corked, so a
 * batch of several events leaves in one write instead of one syscall per message.
 */
import type { Duplex } from 'node:stream';
import type { SocketClient } from './socket-client.ts';

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
