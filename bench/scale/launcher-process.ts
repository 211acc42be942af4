/**
 * A child process of the scale harness's mixed phase: one framework (a real
 * {@link SchedulerDriver} of `@meseta/sdk` on a connection of its own) that
 * launches small tasks while the phase runs. It keeps about two seconds'
 * worth of the offers it is sent (declining the rest for ten minutes) and,
 * every 100 ms, ACCEPTs up to `rate / 10` of them with `perAccept` tasks
 * each (0.01 cpu, 1 MB), so launches go on at a steady rate rather than in
 * one burst of 50,000 ACCEPTs; offers rescinded meanwhile are dropped from
 * its queue. It reports its counts every 500 ms and stops (without tearing
 * the framework down) when told to.
 *
 *   parent → child: { type: 'start', master, rate, perAccept, prefix } | { type: 'stop' }
 *   child → parent: { type: 'ready' } | { type: 'report', ... LauncherCounts }
 */
import { LeaderFollowingTransport, SchedulerDriver } from '@meseta/sdk';
import type { Offer, TaskInfo } from '@meseta/proto/wire';
import { TaskState } from '@meseta/proto/wire';
import { scalar } from '@meseta/proto/resources';
import { silentLogger } from '@meseta/runtime/log';

/** Parent → launcher: start launching. */
export interface LauncherStart {
  type: 'start';
  master: string;
  /** ACCEPTs per second at most. */
  rate: number;
  /** Tasks per ACCEPT. */
  perAccept: number;
  /** Prefix of the task ids. */
  prefix: string;
}

/** What the launcher did so far. */
export interface LauncherCounts {
  subscribed: boolean;
  offersReceived: number;
  /** Offers declined (beyond the two seconds' worth it keeps). */
  declined: number;
  accepts: number;
  failedAccepts: number;
  /** Tasks sent in ACCEPTs. */
  tasksSent: number;
  /** TASK_RUNNING updates received. */
  running: number;
  /** TASK_DROPPED / TASK_ERROR / TASK_LOST updates received (refused or lost), and the first one's message. */
  refused: number;
  firstRefusal?: string;
  firstFailure?: string;
}

/** Launcher → parent. */
export type LauncherReport = { type: 'ready' } | ({ type: 'report' } & LauncherCounts);

const counts: LauncherCounts = { subscribed: false, offersReceived: 0, declined: 0, accepts: 0, failedAccepts: 0, tasksSent: 0, running: 0, refused: 0 };
const send = (m: LauncherReport): void => void process.send?.(m);

function run(msg: LauncherStart): void {
  const queue: Offer[] = [];
  let n = 0;
  const driver: SchedulerDriver = new SchedulerDriver({
    master: msg.master,
    logger: silentLogger,
    framework: { name: 'scale-bench-launcher' },
    transport: new LeaderFollowingTransport(msg.master, {
      reconnect: { initialMs: 250, maxMs: 10_000 },
      channelOptions: { 'grpc.use_local_subchannel_pool': 1, 'grpc.keepalive_time_ms': 30_000, 'grpc.keepalive_timeout_ms': 20_000 },
    }),
    handlers: {
      subscribed: () => {
        counts.subscribed = true;
      },
      offers: (batch) => {
        counts.offersReceived += batch.length;
        // Keep about two seconds' worth; decline the rest for ten minutes so the master does not
        // hold (and the UI stream and /state carry) an offer per agent for this one framework.
        const room = Math.max(0, msg.rate * 2 - queue.length);
        queue.push(...batch.slice(0, room));
        const extra = batch.slice(room).map((o) => o.id!.value!);
        if (extra.length > 0) {
          counts.declined += extra.length;
          driver.decline(extra, { refuseSeconds: 600 }).catch(() => undefined);
        }
      },
      rescind: (offerId) => {
        const i = queue.findIndex((o) => o.id?.value === offerId);
        if (i >= 0) queue.splice(i, 1);
      },
      update: (status) => {
        if (status.state === TaskState.TASK_RUNNING) counts.running++;
        else if (status.state === TaskState.TASK_DROPPED || status.state === TaskState.TASK_ERROR || status.state === TaskState.TASK_LOST) {
          counts.refused++;
          counts.firstRefusal ??= status.message ?? '';
        }
      },
      error: (message) => {
        counts.firstFailure ??= `framework error: ${message}`;
      },
    },
  });
  driver.start().catch((e: Error) => {
    counts.firstFailure ??= `subscribe: ${e.message}`;
  });
  const perTick = Math.max(1, Math.round(msg.rate / 10));
  setInterval(() => {
    for (const offer of queue.splice(0, perTick)) {
      const tasks: TaskInfo[] = [];
      for (let k = 0; k < msg.perAccept; k++, n++) {
        tasks.push({ name: 't', task_id: { value: `${msg.prefix}-${n}` }, agent_id: offer.agent_id, resources: [scalar('cpus', 0.01), scalar('mem', 1)], command: { value: 'true' } });
      }
      counts.accepts++;
      counts.tasksSent += tasks.length;
      driver.launch([offer.id!.value!], tasks).catch((e: Error) => {
        counts.failedAccepts++;
        counts.firstFailure ??= e.message;
      });
    }
  }, 100);
  setInterval(() => send({ type: 'report', ...counts }), 500);
}

process.on('message', (msg: LauncherStart | { type: 'stop' }) => {
  if (msg.type === 'start') run(msg);
  if (msg.type === 'stop') {
    send({ type: 'report', ...counts });
    setImmediate(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
