/**
 * A child process of the launch bench running some of its frameworks: each
 * a real {@link SchedulerDriver} of `@meseta/sdk` on a gRPC connection of its
 * own (grpc-js would otherwise share one TCP connection between channels
 * with equal options), over TLS with its principal's bearer token when the
 * master is secure.
 *
 * Per round: `subscribe` starts the frameworks and reports the offers each
 * holds (agents whose hostname starts with the round's prefix, at most
 * `keep` each: it declines the others, so the offers spread over all the
 * frameworks as they would with frameworks that need only so many) every 100 ms;
 * `go` names a start time and how many offers each framework ACCEPTs, with
 * `perAccept` tasks each; `done` reports the first ACCEPT and the last
 * TASK_RUNNING (the SDK acknowledges every update); `teardown` tears the
 * frameworks down (the master kills their tasks).
 */
import * as fs from 'node:fs';
import { LeaderFollowingTransport, SchedulerDriver } from '@meseta/sdk';
import type { Offer, TaskInfo } from '@meseta/proto/wire';
import { TaskState } from '@meseta/proto/wire';
import { scalar } from '@meseta/proto/resources';
import { silentLogger } from '@meseta/runtime/log';
import type { ClientSecurity } from '@meseta/runtime/client-security';
import { nowMs, type FromFrameworkProcess, type GoMessage, type SubscribeMessage, type ToFrameworkProcess } from './messages';

const send = (m: FromFrameworkProcess): void => void process.send?.(m);

/** One framework of the round and what it holds. */
interface Framework {
  driver: SchedulerDriver;
  offers: Offer[];
  expected: number;
  running: number;
  done: boolean;
}

let frameworks: Framework[] = [];
let heldTimer: NodeJS.Timeout | undefined;
let launched = false;
let subscribed = 0;
let firstAcceptAt = 0;
let lastRunningAt = 0;
let remaining = 0;

let failedAccepts = 0;
let firstFailure: string | undefined;
let refusedTasks = 0;
let firstRefusal: string | undefined;

/** A framework whose tasks all run is done; the process is done when every framework is. */
function settle(framework: Framework): void {
  if (framework.done || framework.running < framework.expected) return;
  framework.done = true;
  if (--remaining > 0) return;
  lastRunningAt = nowMs();
  send({ type: 'done', firstAcceptAt, lastRunningAt, tasks: frameworks.reduce((n, f) => n + f.expected, 0), failedAccepts, firstFailure, refusedTasks, firstRefusal });
}

function securityOf(files: SubscribeMessage['frameworks'][number]['security']): ClientSecurity {
  if (!files) return {};
  return { ca: fs.readFileSync(files.caFile), token: fs.readFileSync(files.tokenFile, 'utf8').trim() };
}

function subscribe(msg: SubscribeMessage): void {
  launched = false;
  remaining = 0;
  subscribed = 0;
  failedAccepts = 0;
  firstFailure = undefined;
  refusedTasks = 0;
  firstRefusal = undefined;
  frameworks = msg.frameworks.map((spec) => {
    const framework: Framework = { driver: undefined as unknown as SchedulerDriver, offers: [], expected: 0, running: 0, done: false };
    framework.driver = new SchedulerDriver({
      master: msg.master,
      logger: silentLogger,
      framework: { name: spec.name },
      transport: new LeaderFollowingTransport(msg.master, {
        security: securityOf(spec.security),
        reconnect: { initialMs: 250, maxMs: 10_000 },
        callStream: msg.callStream ?? true,
        // A connection of its own; keepalive as the real agent's link (30 s / 20 s) rather than the SDK's 10 s / 5 s:
        // on the shared 2-core machine a process can wait seconds for a core, and a ping timeout would end the round.
        channelOptions: { 'grpc.use_local_subchannel_pool': 1, 'grpc.keepalive_time_ms': 30_000, 'grpc.keepalive_timeout_ms': 20_000 },
      }),
      handlers: {
        subscribed: () => {
          subscribed++;
        },
        offers: (batch) => {
          if (launched) return;
          const extra: string[] = [];
          for (const offer of batch) {
            if ((offer.hostname ?? '').startsWith(msg.hostPrefix) && framework.offers.length < msg.keep) framework.offers.push(offer);
            else extra.push(offer.id!.value!);
          }
          // Refused for a minute: the allocator offers these agents to the frameworks that still need some.
          if (extra.length > 0) void framework.driver.decline(extra, { refuseSeconds: 60 }).catch(() => undefined);
        },
        rescind: (offerId) => {
          if (!launched) framework.offers = framework.offers.filter((o) => o.id?.value !== offerId);
        },
        update: (status) => {
          if (!launched) return;
          if (status.state === TaskState.TASK_DROPPED || status.state === TaskState.TASK_ERROR) {
            // Refused by the master: counted and reported, not waited for.
            refusedTasks++;
            firstRefusal ??= status.message ?? '';
            framework.expected--;
            settle(framework);
            return;
          }
          if (status.state !== TaskState.TASK_RUNNING) return;
          framework.running++;
          settle(framework);
        },
        error: (message) => send({ type: 'failed', message: `framework ${spec.name}: ${message}` }),
      },
    });
    return framework;
  });
  for (const f of frameworks) f.driver.start().catch((e: Error) => send({ type: 'failed', message: `subscribe: ${e.message}` }));
  let last = '';
  heldTimer = setInterval(() => {
    const offers = frameworks.map((f) => f.offers.length);
    const now = `${offers.join(',')}/${subscribed}`;
    if (now !== last) send({ type: 'held', offers, subscribed });
    last = now;
  }, 100);
}

function go(msg: GoMessage): void {
  if (heldTimer) clearInterval(heldTimer);
  const calls: Array<() => void> = [];
  let n = 0;
  frameworks.forEach((f, i) => {
    const take = f.offers.slice(0, msg.offers[i] ?? 0);
    f.expected = take.length * msg.perAccept;
    if (f.expected > 0) remaining++;
    for (const offer of take) {
      const tasks: TaskInfo[] = [];
      for (let k = 0; k < msg.perAccept; k++, n++) {
        tasks.push({
          name: 't',
          task_id: { value: `${msg.taskPrefix}-f${i}-t${n}` },
          agent_id: offer.agent_id,
          resources: [scalar('cpus', 0.01), scalar('mem', 1)],
          command: { value: msg.command },
        });
      }
      calls.push(
        () =>
          void f.driver.launch([offer.id!.value!], tasks).catch((e: Error) => {
            // Counted and reported; the round goes on without these tasks.
            failedAccepts++;
            firstFailure ??= e.message;
            f.expected -= tasks.length;
            settle(f);
          }),
      );
    }
  });
  const fire = (): void => {
    launched = true;
    firstAcceptAt = nowMs();
    for (const call of calls) call();
    if (remaining === 0) send({ type: 'done', firstAcceptAt, lastRunningAt: firstAcceptAt, tasks: 0, failedAccepts: 0 });
  };
  setTimeout(fire, Math.max(0, msg.at - nowMs()));
}

async function teardown(): Promise<void> {
  if (heldTimer) clearInterval(heldTimer);
  await Promise.all(frameworks.map((f) => f.driver.teardown().catch(() => undefined)));
  frameworks = [];
  send({ type: 'torn-down' });
}

process.on('message', (msg: ToFrameworkProcess) => {
  if (msg.type === 'subscribe') subscribe(msg);
  if (msg.type === 'go') go(msg);
  if (msg.type === 'teardown') void teardown();
  if (msg.type === 'exit') process.exit(0);
});
send({ type: 'ready' });
process.on('disconnect', () => process.exit(0));
