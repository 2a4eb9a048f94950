/**
 * One connected socket: who it is, what it watches and up to which seq, and a queue that keeps
 * its deliveries in order. Sends go through `send`, which cuts a socket that falls more than
 * MAX_BUFFERED bytes behind with the resync close code (it resumes from its last seq).
 */
import type { WebSocket } from 'ws';
import { CLOSE, type ServerMessage } from '../../shared/realtime.ts';
import type { Actor } from '../policy/actor.ts';

export const MAX_BUFFERED = 1024 * 1024;

export class SocketClient {
  /** Last seq delivered (or skipped as invisible) per watched document. */
  readonly seqs = new Map<string, number>();
  private chain: Promise<void> = Promise.resolve();
  closed = false;

  constructor(
    readonly socket: WebSocket,
    public actor: Actor | null,
    readonly sessionId: string | null,
  ) {}

  /** Runs deliveries one after another, so replay and live events never interleave. */
  enqueue(task: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(task).catch(() => this.close(CLOSE.RESYNC, 'resync'));
    return this.chain;
  }

  sendRaw(text: string): boolean {
    if (this.closed) return false;
    if (this.socket.bufferedAmount + text.length > MAX_BUFFERED) {
      this.close(CLOSE.RESYNC, 'resync');
      return false;
    }
    this.socket.send(text);
    return true;
  }

  /**
   * Resolves true once the send buffer is down to `limit` bytes; false (and the socket cut with
   * the resync code) if it is closed or does not get there within `timeoutMs`.
   */
  async drained(limit: number, timeoutMs = 10_000): Promise<boolean> {
    const started = Date.now();
    while (!this.closed && this.socket.bufferedAmount > limit) {
      if (Date.now() - started > timeoutMs) {
        this.close(CLOSE.RESYNC, 'resync');
        return false;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return !this.closed;
  }

  send(message: ServerMessage): boolean {
    return this.sendRaw(JSON.stringify(message));
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.socket.close(code, reason);
    } catch {
      this.socket.terminate();
    }
  }
}
