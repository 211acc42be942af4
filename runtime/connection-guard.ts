/**
 * The socket-level half of the one-port server's limits: a new connection
 * over the total or per-address limit is destroyed at once, and one that
 * sends nothing within `firstBytesTimeoutMs` is destroyed (the protocol
 * sniffer would otherwise wait for its first bytes forever). Counting is
 * {@link ConnectionCounter}'s (pure); this module only touches sockets.
 */
import type * as net from 'node:net';
import { ConnectionCounter, type HttpLimits } from './http-limits';

/** Guards the sockets of one listening port. */
export interface ConnectionGuard {
  /**
   * Admit a new socket: false (and the socket destroyed) when over a limit.
   * An admitted socket is released when it closes, and destroyed if
   * {@link sniffed} is not called within the first-bytes timeout.
   */
  admit(socket: net.Socket): boolean;
  /** The socket said which protocol it speaks: stop its first-bytes timer. */
  sniffed(socket: net.Socket): void;
  /** Connections refused so far for the connection limits. */
  readonly refused: number;
  /** Connections closed so far for sending nothing in time. */
  readonly silentClosed: number;
  /** Open connections counted now. */
  readonly open: number;
}

/** A guard over `limits` (the connection limits and the first-bytes timeout). */
export function connectionGuard(limits: Pick<HttpLimits, 'maxConnections' | 'maxConnectionsPerAddress' | 'firstBytesTimeoutMs'>): ConnectionGuard {
  const counter = new ConnectionCounter(limits);
  const timers = new WeakMap<net.Socket, NodeJS.Timeout>();
  let refused = 0;
  let silentClosed = 0;
  return {
    admit(socket) {
      const address = socket.remoteAddress ?? '';
      const verdict = counter.admit(address);
      if (!verdict.admitted) {
        refused++;
        socket.destroy();
        return false;
      }
      socket.once('close', () => {
        counter.release(address);
        const timer = timers.get(socket);
        if (timer) clearTimeout(timer);
      });
      const timer = setTimeout(() => {
        // Decide after this turn's poll phase: when the daemon's own loop
        // was late (thousands of agents connecting at once), the first bytes
        // may be waiting in the kernel, about to be read this turn, and the
        // timer only ran first. A socket that really said nothing is still
        // unsniffed after the poll.
        setImmediate(() => {
          if (!timers.has(socket) || socket.destroyed) return;
          silentClosed++;
          socket.destroy();
        });
      }, limits.firstBytesTimeoutMs);
      timer.unref();
      timers.set(socket, timer);
      return true;
    },
    sniffed(socket) {
      const timer = timers.get(socket);
      if (timer) clearTimeout(timer);
      timers.delete(socket);
    },
    get refused() {
      return refused;
    },
    get silentClosed() {
      return silentClosed;
    },
    get open() {
      return counter.open;
    },
  };
}
