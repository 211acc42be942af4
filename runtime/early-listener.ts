/**
 * A daemon's TCP port bound before its heavy modules load.
 *
 * Loading the master's modules takes seconds on a loaded machine; until the
 * port is bound every agent that tries is refused (ECONNREFUSED) and backs
 * off. Bound first, their connections wait in the kernel's accept queue
 * (and any accepted in between are kept paused, unread: one its client
 * closed meanwhile is seen to end only once handed over) until the daemon
 * hands the port over to its real connection handler ({@link EarlyListener.handOver}).
 *
 * Only `node:net` here: this module must itself load in a few milliseconds.
 */
import * as net from 'node:net';

/**
 * Connections the kernel may queue before they are accepted (capped by
 * `net.core.somaxconn`, 4096 on this kernel). Node's default, 511,
 * overflowed by the hundred thousand when thousands of agents connect at
 * once (a cold start, a failover): each dropped SYN is retried by the
 * agent's kernel only after 1, 3, 7, 15 s, which alone made agents miss
 * their registration timeout.
 */
export const LISTEN_BACKLOG = 65_535;

/** A bound port waiting for its connection handler. */
export interface EarlyListener {
  /** The listening server (closed by whoever took it over). */
  readonly server: net.Server;
  /** The bound port (useful when 0 was asked). */
  readonly port: number;
  /** Connections accepted and still waiting for {@link handOver}. */
  readonly waiting: number;
  /**
   * From now on `onConnection` takes every connection; those accepted
   * meanwhile go to it first, in order, then are resumed. Once only.
   */
  handOver(onConnection: (socket: net.Socket) => void): void;
  /** Close the port (when the daemon fails to start). */
  close(): Promise<void>;
}

/** Where to bind. */
export interface EarlyListenOptions {
  host: string;
  port: number;
  /** The listen queue's length (the kernel caps it at `net.core.somaxconn`). @default LISTEN_BACKLOG */
  backlog?: number;
}

/** Bind `host:port` now; rejects with the bind error (e.g. EADDRINUSE). */
export async function bindEarly(options: EarlyListenOptions): Promise<EarlyListener> {
  // Paused: nothing is read until the real handler has its listeners on.
  const server = net.createServer({ pauseOnConnect: true });
  let waiting: net.Socket[] = [];
  const keep = (socket: net.Socket): void => {
    waiting.push(socket);
    socket.once('close', () => {
      waiting = waiting.filter((s) => s !== socket);
    });
    socket.on('error', () => socket.destroy());
  };
  server.on('connection', keep);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: options.host, port: options.port, backlog: options.backlog ?? LISTEN_BACKLOG }, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
  let handedOver = false;
  return {
    server,
    port: (server.address() as net.AddressInfo).port,
    get waiting() {
      return waiting.length;
    },
    handOver(onConnection) {
      if (handedOver) throw new Error('this port was handed over already');
      handedOver = true;
      server.removeListener('connection', keep);
      server.on('connection', (socket: net.Socket) => {
        onConnection(socket);
        socket.resume();
      });
      const queued = waiting;
      waiting = [];
      for (const socket of queued) {
        if (socket.destroyed) continue;
        onConnection(socket);
        socket.resume();
      }
    },
    close: () => new Promise<void>((resolve) => {
      for (const s of waiting) s.destroy();
      waiting = [];
      server.close(() => resolve());
    }),
  };
}
