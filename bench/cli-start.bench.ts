/**
 * How fast the `meseta` command starts: `meseta agents` against a real
 * master, from spawn to exit, beside `node -e 0` (Node starting and doing
 * nothing) in the same run. Goal: agents ≤ 2 × node -e 0.
 *
 * Everything is real and started as users start it: `node dist/cli/meseta.js
 * master --port <free>` and `meseta agent` processes that register with it;
 * each timed command is a fresh `node` process. Rounds are interleaved and
 * their order alternates (ABC, CBA, ...) so drift in the machine's load
 * falls on every command alike. Beside the wall time, each command's CPU
 * time (user + system, from the kernel's accounting of reaped children),
 * which stays meaningful when other processes share the cores. Also timed: `meseta version` (no network),
 * and, for scale, a `node` that only loads grpc-js and the generated
 * protobuf code — what `agents` loaded before it read `/state` over HTTP.
 *
 *   npm run build && node dist/bench/cli-start.bench.js [--rounds 21] [--agents 2] [--samples] [--also OTHER/dist/cli/meseta.js]
 *
 * `--also` times `agents` of another build too (e.g. an older commit
 * unpacked and built elsewhere), against the same master, in the same rounds.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { arg, median } from './support/bench-args';
import { freePort } from '../test/harness/free-port';

const ROOT = path.resolve(__dirname, '..', '..');
const MESETA = path.join(ROOT, 'dist', 'cli', 'meseta.js');

/** A daemon started by this benchmark, stopped by its pid. */
interface Daemon {
  pid: number;
  stop(): Promise<void>;
}

/** Spawn `meseta ...args` and wait for a stdout line matching `ready`. */
function startDaemon(args: string[], ready: RegExp, logFile: string): Promise<Daemon> {
  const log = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [MESETA, ...args], { stdio: ['ignore', 'pipe', log] });
  fs.closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const daemon: Daemon = {
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, 'SIGTERM');
      const timer = setTimeout(() => child.exitCode === null && child.signalCode === null && process.kill(child.pid!, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      out += chunk;
      if (ready.test(out)) resolve(daemon);
    });
    child.once('exit', (code) => reject(new Error(`meseta ${args.join(' ')} exited with ${code} before ${ready}; see ${logFile}`)));
  });
}

/**
 * CPU milliseconds (user + system) of every child this process has reaped,
 * from `/proc/self/stat` (cutime + cstime, in clock ticks of 10 ms); undefined
 * off Linux. Timed commands run one at a time, so the difference across one
 * run is that command's CPU time; summed over rounds, the 10 ms ticks average out.
 */
function childrenCpuMs(): number | undefined {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields after the command name start at field 3 (state); cutime is 16, cstime 17.
    return (Number(fields[16 - 3]) + Number(fields[17 - 3])) * 10;
  } catch {
    return undefined;
  }
}

/** Spawn `node ...args`, wait for it to exit; milliseconds from spawn to exit. Fails on a non-zero exit. */
function timeRun(args: string[], check?: (stdout: string) => boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0 || (check && !check(stdout))) reject(new Error(`node ${args.join(' ')} exited ${code}:\n${stdout}${stderr}`));
      else resolve(ms);
    });
  });
}

const load = (): string => os.loadavg().map((l) => l.toFixed(2)).join(' / ');

async function main(): Promise<void> {
  const rounds = arg('rounds', 21);
  const agentCount = arg('agents', 2);
  const samples = process.argv.includes('--samples');
  if (!fs.existsSync(MESETA)) throw new Error(`${MESETA} is missing: npm run build first`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-cli-bench-'));
  const daemons: Daemon[] = [];
  try {
    const port = await freePort();
    const master = `127.0.0.1:${port}`;
    daemons.push(await startDaemon(['master', '--port', String(port), '--log-level', 'warn'], /^meseta master listening on /m, path.join(work, 'master.log')));
    for (let i = 0; i < agentCount; i++) {
      const dir = path.join(work, `agent-${i}`);
      daemons.push(
        await startDaemon(
          ['agent', '--master', master, '--port', '0', '--hostname', '127.0.0.1', '--work-dir', dir, '--resources', 'cpus:2;mem:2048;disk:8192', '--log-level', 'warn'],
          /^meseta agent registered as /m,
          path.join(work, `agent-${i}.log`),
        ),
      );
    }

    const agentRows = (stdout: string): boolean => stdout.startsWith('ID ') && stdout.trim().split('\n').length === agentCount + 1;
    const grpcAndProto = `require(${JSON.stringify('@grpc/grpc-js')}); require(${JSON.stringify(path.join(ROOT, 'proto', 'dist', 'src', 'wire.js'))})`;
    const alsoAt = process.argv.indexOf('--also');
    const also = alsoAt >= 0 ? path.resolve(process.argv[alsoAt + 1]) : undefined;
    const commands: Array<{ label: string; run: () => Promise<number> }> = [
      { label: 'node -e 0 (baseline)', run: () => timeRun(['-e', '0']) },
      { label: `meseta agents --master ${master}`, run: () => timeRun([MESETA, 'agents', '--master', master], agentRows) },
      { label: 'meseta version', run: () => timeRun([MESETA, 'version'], (s) => s.startsWith('meseta ')) },
      { label: 'node loading grpc-js + protobuf code (for scale)', run: () => timeRun(['-e', grpcAndProto], undefined) },
    ];
    if (also) commands.push({ label: `${path.relative(process.cwd(), also)} agents`, run: () => timeRun([also, 'agents', '--master', master], agentRows) });

    console.log(`node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${agentCount} agents registered`);
    console.log(`load average (1 / 5 / 15 min) at start: ${load()}`);
    // Warm the file cache so the first round is not the only one reading from disk.
    for (const c of commands) await c.run();

    const times = commands.map(() => [] as number[]);
    const cpu = commands.map(() => 0);
    const ratios: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const order = commands.map((_, i) => i);
      if (r % 2 === 1) order.reverse();
      for (const i of order) {
        const cpuBefore = childrenCpuMs() ?? NaN;
        times[i].push(await commands[i].run());
        cpu[i] += (childrenCpuMs() ?? NaN) - cpuBefore;
      }
      ratios.push(times[1][r] / times[0][r]);
      if (samples) console.log(`round ${r + 1}: ${commands.map((c, i) => `${times[i][r].toFixed(1)}`).join('  ')} ms`);
    }
    console.log(`load average (1 / 5 / 15 min) at end:   ${load()}`);
    console.log('');
    console.log(`spawn to exit, ${rounds} interleaved rounds (ms):`);
    const base = median(times[0]);
    const width = Math.max(...commands.map((c) => c.label.length));
    const baseCpu = cpu[0] / rounds;
    console.log(`  ${'command'.padEnd(width)}  median     min  × node -e 0   CPU ms (mean)  × node -e 0`);
    commands.forEach((c, i) => {
      const m = median(times[i]);
      const meanCpu = cpu[i] / rounds;
      console.log(
        `  ${c.label.padEnd(width)}  ${m.toFixed(1).padStart(6)}  ${Math.min(...times[i]).toFixed(1).padStart(6)}  ${(m / base).toFixed(2).padStart(11)}` +
          `  ${meanCpu.toFixed(1).padStart(13)}  ${(meanCpu / baseCpu).toFixed(2).padStart(11)}`,
      );
    });
    const ratio = median(ratios);
    console.log('');
    console.log(`meseta agents / node -e 0, median of the per-round ratios: ${ratio.toFixed(2)} (goal ≤ 2)`);
  } finally {
    for (const d of daemons.reverse()) await d.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
