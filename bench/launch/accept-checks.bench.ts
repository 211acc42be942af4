/**
 * The master's own checks of an ACCEPT, in one process, two builds side by
 * side: `validateCall` (shape and size limits) and `planAccept` (offers,
 * each task against what remains of them) of this build and of another
 * build's `dist` (`--compare DIR`, e.g. the commit before a change, built
 * apart), rounds interleaved, each timed with `process.cpuUsage()`.
 *
 * Simulated: no master, no gRPC, no allocator, no task book. The calls are
 * what the launch bench's frameworks send (10 tasks per ACCEPT by default,
 * `name`, `task_id`, `agent_id`, `cpus` and `mem`, a command), encoded and
 * decoded by the project's protobuf code first, so each build reads the
 * same decoded message objects a master would. It measures only the part of
 * the ACCEPT path these two functions are; the end-to-end figure is the
 * launch bench's (`launch-throughput.bench.ts`).
 *
 *   node dist/bench/launch/accept-checks.bench.js --compare /tmp/meseta-base-S3 [--per-accept 10] [--accepts 20000] [--rounds 7]
 */
import * as path from 'node:path';
import { pb, CallType, OperationType, type Call } from '@meseta/proto/wire';
import { normalize } from '@meseta/proto/resources';
import { parseResources } from '@meseta/proto/resource-text';
import { arg, median } from '../support/bench-args';

/** The two functions of one build. */
interface Checks {
  validateCall(call: Call): void;
  planAccept(ctx: object, offerIds: readonly string[], operations: readonly object[]): { launches: unknown[]; refused: unknown[] };
}

function load(root: string): Checks {
  const dist = path.join(root, 'dist', 'master');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { validateCall } = require(path.join(dist, 'call-validation.js')) as Pick<Checks, 'validateCall'>;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { planAccept } = require(path.join(dist, 'offer-validation.js')) as Pick<Checks, 'planAccept'>;
  return { validateCall, planAccept };
}

function text(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** `accepts` ACCEPT calls of `perAccept` tasks each, as a master decodes them. */
function calls(accepts: number, perAccept: number): Call[] {
  const out: Call[] = [];
  for (let a = 0; a < accepts; a++) {
    const task_infos = [];
    for (let k = 0; k < perAccept; k++) {
      task_infos.push({ name: 't', task_id: { value: `small-plain-r0-f${a % 100}-t${a * perAccept + k}` }, agent_id: { value: `agent-${a}` }, resources: parseResources('cpus:0.01;mem:1'), command: { value: 'true' } });
    }
    const call = { type: CallType.ACCEPT, framework_id: { value: 'framework-1' }, accept: { offer_ids: [{ value: `offer-${a}` }], operations: [{ type: OperationType.LAUNCH, launch: { task_infos } }] } };
    out.push(pb.Call.decode(pb.Call.encode(call).finish()) as unknown as Call);
  }
  return out;
}

function main(): void {
  const compare = text('compare', '');
  if (!compare) throw new Error('--compare DIR: the other build (its dist/master/call-validation.js and offer-validation.js are loaded)');
  const perAccept = arg('per-accept', 10);
  const accepts = arg('accepts', 20_000);
  const rounds = arg('rounds', 7);
  const builds: Array<[string, Checks]> = [
    ['this build', load(path.join(__dirname, '..', '..', '..'))],
    [`compared (${compare})`, load(path.resolve(compare))],
  ];
  const offered = normalize(parseResources('cpus:1000;mem:1000000;ports:[31000-32000]'));
  const samples = new Map<string, number[]>(builds.map(([name]) => [name, []]));
  for (let round = -1; round < rounds; round++) {
    const order = round % 2 === 0 ? builds : [...builds].reverse();
    for (const [name, checks] of order) {
      const list = calls(accepts, perAccept);
      const started = process.cpuUsage();
      let launched = 0;
      for (let a = 0; a < list.length; a++) {
        const call = list[a];
        checks.validateCall(call);
        const offerId = `offer-${a}`;
        const view = { id: offerId, offer: {}, role: '*', frameworkId: 'framework-1', agentId: `agent-${a}`, resources: offered };
        const plan = checks.planAccept(
          { frameworkId: 'framework-1', lookupOffer: (id: string) => (id === offerId ? view : undefined), isLiveTask: () => false, largestAgent: () => new Map() },
          [offerId],
          call.accept!.operations!,
        );
        launched += plan.launches.length;
        if (plan.refused.length > 0) throw new Error(`${name}: ${plan.refused.length} tasks refused`);
      }
      const used = process.cpuUsage(started);
      if (round >= 0) samples.get(name)!.push(((used.user + used.system) / launched));
    }
  }
  console.log(`validateCall + planAccept, ${accepts} ACCEPTs of ${perAccept} tasks per round, ${rounds} rounds after 1 warm-up, builds interleaved, CPU µs per task (median, min–max):`);
  for (const [name] of builds) {
    const xs = samples.get(name)!;
    console.log(`  ${name}: ${median(xs).toFixed(2)} (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})`);
  }
  const [a, b] = builds.map(([name]) => median(samples.get(name)!));
  console.log(`  this ÷ compared: ${(a / b).toFixed(2)}`);
}

main();
