/**
 * A TCP port that is free on 127.0.0.1 right now.
 */
import * as net from 'node:net';

/**
 * Ask the kernel for a free port on 127.0.0.1 and release it. Another
 * process may take it before you do; prefer `--port 0` and reading the port
 * the daemon prints when you can.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
