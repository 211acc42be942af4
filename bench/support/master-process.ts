/**
 * A master in its own process for benchmarks: `node master-process.js`
 * prints `PORT <n>` once listening and runs until its stdin closes or it
 * gets SIGTERM.
 */
import { startMaster } from '../../master';
import { silentLogger } from '@meseta/runtime/log';

async function main(): Promise<void> {
  const master = await startMaster({ port: 0, logger: silentLogger, offerTimeoutSeconds: 0, agentPingTimeoutSeconds: 60 });
  process.stdout.write(`PORT ${master.port}\n`);
  const stop = (): void => {
    void master.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
}

void main();
