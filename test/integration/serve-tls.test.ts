/**
 * TLS on the one port (`runtime/serve.ts`) over real sockets, with
 * certificates made by `cli/certificates.ts` with the real `openssl`:
 * ALPN sends browsers (which offer h2 too) to HTTP/1.1 and grpc-js to gRPC;
 * the verified client certificate and the bearer token reach the handlers
 * (`peerCertificateOfCall`, `peerCertificateOfRequest`); plaintext clients
 * and clients that do not trust the CA get nothing.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { execFile } from 'node:child_process';
import * as grpc from '@grpc/grpc-js';
import { listenDual, type DualServer } from '@meseta/runtime/serve';
import { peerCertificateOfCall, peerCertificateOfRequest } from '@meseta/runtime/peer-identity';
import { grpcChannelFor, type ClientSecurity } from '@meseta/runtime/client-security';
import { ensureClusterCa, issueCertificate, type CertificateFiles } from '../../cli/certificates';
import { ensurePackages } from '../setup/packages';

const identity = (b: Buffer): Buffer => b;
/** A one-method service answering who the caller is: `<client CN or none>|<authorization>`. */
const WHO_SERVICE: grpc.ServiceDefinition = {
  who: {
    path: '/test.Peer/Who',
    requestStream: false,
    responseStream: false,
    requestSerialize: identity,
    requestDeserialize: identity,
    responseSerialize: identity,
    responseDeserialize: identity,
  },
};
const WhoClient = grpc.makeGenericClientConstructor(WHO_SERVICE, 'Peer');

let dir: string;
let ca: CertificateFiles;
let server: CertificateFiles;
let operator: CertificateFiles;
let stranger: CertificateFiles;
let dual: DualServer;
const read = (file: string): Buffer => fs.readFileSync(file);

beforeAll(async () => {
  ensurePackages([
    { binary: 'openssl', package: 'openssl' },
    { binary: 'curl', package: 'curl' },
  ]);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-serve-tls-'));
  ca = await ensureClusterCa(path.join(dir, 'ca'));
  server = await issueCertificate(ca, path.join(dir, 'ca'), { name: 'daemon', commonName: 'meseta-master', kind: 'daemon' });
  operator = await issueCertificate(ca, path.join(dir, 'ca'), { name: 'operator', commonName: 'operator', kind: 'client' });
  // A certificate from another CA: presented, but never verified.
  const otherCa = await ensureClusterCa(path.join(dir, 'other'));
  stranger = await issueCertificate(otherCa, path.join(dir, 'other'), { name: 'stranger', commonName: 'stranger', kind: 'client' });

  const grpcServer = new grpc.Server();
  grpcServer.addService(WHO_SERVICE, {
    who: (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
      const cn = peerCertificateOfCall(call)?.subject?.CN ?? 'none';
      callback(null, Buffer.from(`${cn}|${String(call.metadata.get('authorization')[0] ?? '')}`));
    },
  });
  dual = await listenDual({
    port: 0,
    grpc: grpcServer,
    tls: { cert: read(server.cert), key: read(server.key), ca: read(ca.cert) },
    onHttpRequest: (req, res) => {
      const cn = peerCertificateOfRequest(req)?.subject?.CN ?? 'none';
      res.end(`${cn}|${req.headers.authorization ?? ''}|HTTP/${req.httpVersion}`);
    },
  });
}, 60_000);

afterAll(async () => {
  await dual?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function who(security: ClientSecurity): Promise<string> {
  const address = `127.0.0.1:${dual.port}`;
  const channel = grpcChannelFor(security, address);
  const client = new WhoClient(address, channel.credentials, channel.options);
  return new Promise<string>((resolve, reject) => {
    client.makeUnaryRequest('/test.Peer/Who', identity, identity, Buffer.alloc(0), { deadline: Date.now() + 10_000 }, (error, answer) => {
      client.close();
      if (error) reject(error);
      else resolve(answer!.toString());
    });
  });
}

function httpsGet(options: https.RequestOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = https.get({ host: '127.0.0.1', port: dual.port, path: '/who', agent: false, timeout: 10_000, ...options }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve(body));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

function alpnOf(offered: string[]): Promise<string | false> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port: dual.port, ca: read(ca.cert), ALPNProtocols: offered }, () => {
      const chosen = socket.alpnProtocol ?? false;
      socket.destroy();
      resolve(chosen);
    });
    socket.on('error', reject);
  });
}

describe('TLS on the one port', () => {
  it('gRPC over TLS with a client certificate and a token: the handler sees both', async () => {
    const answer = await who({ ca: read(ca.cert), cert: read(operator.cert), key: read(operator.key), token: 'tok-1' });
    expect(answer).toBe('operator|Bearer tok-1');
  });

  it('gRPC over TLS without a client certificate: no identity from the connection, the token still arrives', async () => {
    expect(await who({ ca: read(ca.cert), token: 'tok-2' })).toBe('none|Bearer tok-2');
  });

  it('a client certificate the CA did not sign is not taken as an identity', async () => {
    expect(await who({ ca: read(ca.cert), cert: read(stranger.cert), key: read(stranger.key) })).toBe('none|');
  });

  it('HTTPS (Node) reaches the HTTP/1.1 handler with the verified certificate and the Authorization header', async () => {
    const body = await httpsGet({ ca: read(ca.cert), cert: read(operator.cert), key: read(operator.key), headers: { authorization: 'Bearer tok-3' } });
    expect(body).toBe('operator|Bearer tok-3|HTTP/1.1');
  });

  it('ALPN: a browser offering h2 and http/1.1 gets http/1.1; grpc-js offering h2 only gets h2; an unknown protocol is refused', async () => {
    expect(await alpnOf(['h2', 'http/1.1'])).toBe('http/1.1');
    expect(await alpnOf(['h2'])).toBe('h2');
    await expect(alpnOf(['spdy/3'])).rejects.toThrow(/no application protocol|alert/i);
  });

  it('curl with HTTP/2 enabled (offers h2) and curl --http1.1 both get the HTTP/1.1 handler', async () => {
    const curl = (args: string[]): Promise<string> =>
      new Promise((resolve, reject) =>
        execFile('curl', ['-sS', '--cacert', ca.cert, ...args, `https://127.0.0.1:${dual.port}/who`], { timeout: 20_000 }, (error, stdout, stderr) =>
          error ? reject(new Error(`curl failed: ${stderr || error.message}`)) : resolve(stdout),
        ),
      );
    expect(await curl(['--http2'])).toBe('none||HTTP/1.1');
    expect(await curl(['--http1.1'])).toBe('none||HTTP/1.1');
  });

  it('refuses a client that does not trust the cluster CA (the certificate does not verify)', async () => {
    await expect(httpsGet({})).rejects.toThrow(/self[- ]signed|unable to (get|verify)/i);
  });

  it('a plaintext HTTP client gets no answer from the TLS port', async () => {
    const error = await new Promise<Error>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port: dual.port, path: '/who', agent: false, timeout: 10_000 }, () => resolve(new Error('answered')));
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', resolve);
    });
    expect(error.message).not.toBe('answered');
  });

  it('a plaintext gRPC client cannot call', async () => {
    await expect(who({})).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
  });
});
