/**
 * A small authoritative DNS server for the `meseta.` zone over UDP and
 * TCP on one port, built on `dns-packet` (encoding and decoding only; the
 * answers are {@link DnsZone}'s).
 *
 * - One question per query (as every resolver sends); more, or none, is
 *   FORMERR; an opcode other than QUERY is NOTIMP; a packet that does not
 *   decode is answered FORMERR when its id can be read, else dropped.
 * - SERVFAIL while the zone is not current (`ready()` false: the server
 *   has not had the endpoint set yet, or lost its source for too long),
 *   so a resolver tries elsewhere instead of caching a wrong NXDOMAIN.
 * - A UDP answer larger than the asker's size (512, or its EDNS size) is
 *   sent truncated (TC) without records, so the resolver asks again over TCP.
 */
import * as dgram from 'node:dgram';
import * as net from 'node:net';
import * as dnsPacket from 'dns-packet';
import type { Packet } from 'dns-packet';
import type { DnsZone, ZoneAnswer } from './dns-zone';

const RCODES: Record<ZoneAnswer['rcode'], number> = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 };

/** Options of {@link startDnsServer}. */
export interface DnsServerOptions {
  zone: DnsZone;
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 picks a free one (the same for UDP and TCP). */
  port: number;
  /** False while the zone cannot be trusted (answers are SERVFAIL). @default always true */
  ready?: () => boolean;
}

/** A running DNS server. */
export interface RunningDnsServer {
  readonly port: number;
  /** Queries answered. */
  readonly answered: number;
  close(): Promise<void>;
}

/** The response bytes for `query` (undefined: drop it). `maxBytes`: UDP size limit. */
export function respond(zone: DnsZone, query: Buffer, ready: boolean, maxBytes = Infinity): Buffer | undefined {
  if (query.length < 12) return undefined;
  const id = query.readUInt16BE(0);
  const flags = query.readUInt16BE(2);
  if (flags & 0x8000) return undefined; // a response: never answer those
  const opcode = (flags >> 11) & 0xf;
  const rd = flags & dnsPacket.RECURSION_DESIRED;
  const reply = (rcode: number, body: Partial<Packet> = {}, aa = true): Buffer =>
    dnsPacket.encode({
      type: 'response', id, flags: (opcode << 11) | (aa ? dnsPacket.AUTHORITATIVE_ANSWER : 0) | rd | rcode,
      questions: [], answers: [], authorities: [], additionals: [], ...body,
    });
  let packet: ReturnType<typeof dnsPacket.decode>;
  try {
    packet = dnsPacket.decode(query);
  } catch {
    return reply(RCODES.FORMERR, {}, false);
  }
  if (opcode !== 0) return reply(RCODES.NOTIMP, {}, false);
  const questions = packet.questions ?? [];
  if (questions.length !== 1) return reply(RCODES.FORMERR, {}, false);
  const question = questions[0];
  if (!ready) return reply(RCODES.SERVFAIL, { questions }, false);
  const answer = zone.answer(question);
  const opt = (packet.additionals ?? []).find((a) => a.type === 'OPT') as { udpPayloadSize?: number } | undefined;
  const additionals = [...answer.additionals];
  if (opt) additionals.push({ type: 'OPT', name: '.', udpPayloadSize: 1232, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] } as never);
  const full = reply(RCODES[answer.rcode], { questions, answers: answer.answers, authorities: answer.authorities, additionals }, answer.rcode !== 'REFUSED');
  const limit = Math.min(maxBytes, Math.max(512, opt?.udpPayloadSize ?? 512));
  if (full.length <= limit) return full;
  return dnsPacket.encode({
    type: 'response', id, flags: (opcode << 11) | dnsPacket.AUTHORITATIVE_ANSWER | dnsPacket.TRUNCATED_RESPONSE | rd | RCODES[answer.rcode],
    questions, answers: [], authorities: [], additionals: [],
  });
}

/** Listen on UDP and TCP `host:port`. */
export async function startDnsServer(options: DnsServerOptions): Promise<RunningDnsServer> {
  const host = options.host ?? '127.0.0.1';
  const ready = options.ready ?? (() => true);
  let answered = 0;
  const sockets = new Set<net.Socket>();
  const tcp = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buffer = Buffer.alloc(0);
    socket.setTimeout(10_000, () => socket.destroy());
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (buffer.length > 65537) return socket.destroy();
      while (buffer.length >= 2) {
        const len = buffer.readUInt16BE(0);
        if (buffer.length < 2 + len) break;
        const out = respond(options.zone, buffer.subarray(2, 2 + len), ready());
        buffer = buffer.subarray(2 + len);
        if (!out) continue;
        answered++;
        const head = Buffer.alloc(2);
        head.writeUInt16BE(out.length);
        socket.write(Buffer.concat([head, out]));
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(options.port, host, () => resolve());
  });
  const port = (tcp.address() as net.AddressInfo).port;
  const udp = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
  udp.on('message', (msg, rinfo) => {
    const out = respond(options.zone, msg, ready(), 65507);
    if (!out) return;
    answered++;
    udp.send(out, rinfo.port, rinfo.address);
  });
  udp.on('error', () => undefined);
  try {
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(port, host, () => resolve());
    });
  } catch (e) {
    tcp.close();
    throw new Error(`DNS port ${host}:${port}: UDP bind failed (${(e as Error).message})`);
  }
  return {
    port,
    get answered() {
      return answered;
    },
    close: async () => {
      await new Promise<void>((resolve) => udp.close(() => resolve()));
      const closed = new Promise<void>((resolve) => tcp.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}
