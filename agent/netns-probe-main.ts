/**
 * The probe `checkInNetns` starts inside a task's network namespace
 * (`nsenter --net=<ns> node netns-probe-main.js '<spec JSON>'`): runs one
 * HTTP or TCP check and prints its result as one JSON line.
 */
import { type ProbeSpec, runProbe } from './network-checks';

async function main(): Promise<void> {
  let spec: ProbeSpec;
  try {
    spec = JSON.parse(process.argv[2] ?? '') as ProbeSpec;
  } catch {
    process.stdout.write(`${JSON.stringify({ ok: false, message: 'netns probe: argv[2] is not a check spec (JSON)' })}\n`);
    return;
  }
  const result = await runProbe(spec);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

void main().then(() => process.exit(0));
