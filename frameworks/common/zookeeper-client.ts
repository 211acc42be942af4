/**
 * A small ZooKeeper client: just what a framework needs to keep its state
 * in one znode (connect with a session, getData, setData, create, ping,
 * close), speaking ZooKeeper's jute wire format over TCP. Connections are
 * made on first use and again after a break (a new session: no ephemeral
 * nodes are used, so nothing is lost with the old one).
 */
import * as net from 'node:net';

/** ZooKeeper error codes the client names. */
export const ZK_ERRORS: Record<number, string> = {
  [-101]: 'NONODE',
  [-110]: 'NODEEXISTS',
  [-103]: 'BADVERSION',
  [-111]: 'NOTEMPTY',
  [-4]: 'CONNECTIONLOSS',
  [-112]: 'SESSIONEXPIRED',
  [-102]: 'NOAUTH',
};

const OP = { create: 1, getData: 4, setData: 5, ping: 11, close: -11 } as const;
const PING_XID = -2;
const WATCH_XID = -1;

/** A ZooKeeper error answer, with its code name. */
export class ZooKeeperError extends Error {
  constructor(
    readonly code: number,
    readonly path: string,
  ) {
    super(`ZooKeeper ${ZK_ERRORS[code] ?? `error ${code}`} for ${path}`);
    this.name = 'ZooKeeperError';
  }
}

/** Writes jute values into a growing buffer. */
export class JuteWriter {
  private chunks: Buffer[] = [];
  int(v: number): this {
    const b = Buffer.alloc(4);
    b.writeInt32BE(v);
    this.chunks.push(b);
    return this;
  }
  long(v: bigint): this {
    const b = Buffer.alloc(8);
    b.writeBigInt64BE(v);
    this.chunks.push(b);
    return this;
  }
  bool(v: boolean): this {
    this.chunks.push(Buffer.from([v ? 1 : 0]));
    return this;
  }
  buffer(v: Buffer | undefined): this {
    if (v === undefined) return this.int(-1);
    this.int(v.length);
    this.chunks.push(v);
    return this;
  }
  string(v: string): this {
    return this.buffer(Buffer.from(v, 'utf8'));
  }
  /** The bytes, with the 4-byte length prefix of a packet when `framed`. */
  toBuffer(framed = false): Buffer {
    const body = Buffer.concat(this.chunks);
    if (!framed) return body;
    const len = Buffer.alloc(4);
    len.writeInt32BE(body.length);
    return Buffer.concat([len, body]);
  }
}

/** Reads jute values from a buffer. */
export class JuteReader {
  private at = 0;
  constructor(private readonly b: Buffer) {}
  int(): number {
    const v = this.b.readInt32BE(this.at);
    this.at += 4;
    return v;
  }
  long(): bigint {
    const v = this.b.readBigInt64BE(this.at);
    this.at += 8;
    return v;
  }
  bool(): boolean {
    return this.b[this.at++] !== 0;
  }
  buffer(): Buffer | undefined {
    const len = this.int();
    if (len < 0) return undefined;
    const v = this.b.subarray(this.at, this.at + len);
    this.at += len;
    return v;
  }
  string(): string {
    return (this.buffer() ?? Buffer.alloc(0)).toString('utf8');
  }
  get remaining(): number {
    return this.b.length - this.at;
  }
}

/** Splits a byte stream into length-prefixed packets. */
export class PacketSplitter {
  private pending = Buffer.alloc(0);
  /** Feed bytes; returns the complete packets (without their length). */
  push(chunk: Buffer): Buffer[] {
    this.pending = Buffer.concat([this.pending, chunk]);
    const out: Buffer[] = [];
    while (this.pending.length >= 4) {
      const len = this.pending.readInt32BE(0);
      if (this.pending.length < 4 + len) break;
      out.push(this.pending.subarray(4, 4 + len));
      this.pending = this.pending.subarray(4 + len);
    }
    return out;
  }
}

/** `host:port,host:port` → endpoints. */
export function parseHosts(text: string): Array<{ host: string; port: number }> {
  return text.split(',').map((part) => {
    const m = /^([^:]+)(?::(\d+))?$/.exec(part.trim());
    if (!m) throw new Error(`ZooKeeper address "${part}" is not host:port`);
    return { host: m[1], port: m[2] ? Number(m[2]) : 2181 };
  });
}

interface Pending {
  resolve: (body: JuteReader) => void;
  reject: (error: Error) => void;
  path: string;
}

/** A session with a ZooKeeper ensemble. */
export class ZooKeeperClient {
  private socket: net.Socket | undefined;
  private connecting: Promise<void> | undefined;
  private readonly pending = new Map<number, Pending>();
  private xid = 1;
  private pingTimer: NodeJS.Timeout | undefined;
  private hostIndex = 0;

  constructor(
    private readonly hosts: Array<{ host: string; port: number }>,
    private readonly sessionTimeoutMs = 10_000,
    private readonly connectTimeoutMs = 5_000,
  ) {}

  /** The node's data, or undefined when it does not exist. */
  async getData(path: string): Promise<Buffer | undefined> {
    try {
      const body = await this.request(OP.getData, path, new JuteWriter().string(path).bool(false));
      return body.buffer() ?? Buffer.alloc(0);
    } catch (e) {
      if (e instanceof ZooKeeperError && ZK_ERRORS[e.code] === 'NONODE') return undefined;
      throw e;
    }
  }

  /** Replace the node's data (any version). @throws ZooKeeperError NONODE when it does not exist. */
  async setData(path: string, data: Buffer): Promise<void> {
    await this.request(OP.setData, path, new JuteWriter().string(path).buffer(data).int(-1));
  }

  /** Create a persistent node open to everyone; false when it already exists. */
  async create(path: string, data: Buffer): Promise<boolean> {
    const w = new JuteWriter().string(path).buffer(data).int(1).int(31).string('world').string('anyone').int(0);
    try {
      await this.request(OP.create, path, w);
      return true;
    } catch (e) {
      if (e instanceof ZooKeeperError && ZK_ERRORS[e.code] === 'NODEEXISTS') return false;
      throw e;
    }
  }

  /** End the session and the connection. */
  async close(): Promise<void> {
    if (this.socket && !this.socket.destroyed) {
      await this.request(OP.close, '(close)', new JuteWriter()).catch(() => undefined);
    }
    this.teardown(new Error('the ZooKeeper client was closed'));
  }

  private async request(op: number, path: string, body: JuteWriter): Promise<JuteReader> {
    await this.connect();
    const xid = this.xid++;
    const packet = Buffer.concat([new JuteWriter().int(xid).int(op).toBuffer(), body.toBuffer()]);
    const framed = new JuteWriter().buffer(packet).toBuffer();
    return new Promise<JuteReader>((resolve, reject) => {
      this.pending.set(xid, { resolve, reject, path });
      this.socket!.write(framed);
    });
  }

  private connect(): Promise<void> {
    if (this.socket && !this.socket.destroyed && !this.connecting) return Promise.resolve();
    this.connecting ??= this.tryHosts().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async tryHosts(): Promise<void> {
    let last: Error | undefined;
    for (let i = 0; i < this.hosts.length; i++) {
      const target = this.hosts[(this.hostIndex + i) % this.hosts.length];
      try {
        await this.open(target.host, target.port);
        this.hostIndex = (this.hostIndex + i) % this.hosts.length;
        return;
      } catch (e) {
        last = e as Error;
      }
    }
    throw new Error(`no ZooKeeper server answered (${this.hosts.map((h) => `${h.host}:${h.port}`).join(',')}): ${last?.message}`);
  }

  private open(host: string, port: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const socket = net.connect({ host, port });
      const splitter = new PacketSplitter();
      let handshaken = false;
      const timer = setTimeout(() => socket.destroy(new Error(`no answer from ${host}:${port} within ${this.connectTimeoutMs} ms`)), this.connectTimeoutMs);
      socket.once('connect', () => {
        const hello = new JuteWriter().int(0).long(0n).int(this.sessionTimeoutMs).long(0n).buffer(Buffer.alloc(16)).bool(false);
        socket.write(hello.toBuffer(true));
      });
      socket.on('data', (chunk: Buffer) => {
        for (const packet of splitter.push(chunk)) {
          if (!handshaken) {
            handshaken = true;
            clearTimeout(timer);
            const r = new JuteReader(packet);
            r.int(); // protocol version
            const negotiated = r.int();
            const session = r.long();
            if (negotiated <= 0 || session === 0n) {
              socket.destroy(new Error(`${host}:${port} refused the session`));
              return;
            }
            this.socket = socket;
            this.startPings(negotiated);
            resolve();
            continue;
          }
          this.onReply(packet);
        }
      });
      socket.on('error', (e) => {
        clearTimeout(timer);
        if (!handshaken) reject(e);
      });
      socket.on('close', () => {
        clearTimeout(timer);
        if (!handshaken) reject(new Error(`${host}:${port} closed the connection`));
        if (this.socket === socket) this.teardown(new Error(`the connection to ${host}:${port} was lost`));
      });
    });
  }

  private onReply(packet: Buffer): void {
    const r = new JuteReader(packet);
    const xid = r.int();
    r.long(); // zxid
    const err = r.int();
    if (xid === PING_XID || xid === WATCH_XID) return;
    const waiter = this.pending.get(xid);
    if (!waiter) return;
    this.pending.delete(xid);
    if (err !== 0) waiter.reject(new ZooKeeperError(err, waiter.path));
    else waiter.resolve(r);
  }

  private startPings(sessionTimeoutMs: number): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => {
      const ping = new JuteWriter().buffer(new JuteWriter().int(PING_XID).int(OP.ping).toBuffer()).toBuffer();
      this.socket?.write(ping);
    }, Math.max(100, Math.floor(sessionTimeoutMs / 3)));
    this.pingTimer.unref();
  }

  private teardown(error: Error): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = undefined;
    const socket = this.socket;
    this.socket = undefined;
    socket?.destroy();
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}
