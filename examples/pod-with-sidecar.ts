/**
 * A pod with a sidecar: a framework that launches two tasks as one task
 * group on one agent — `web`, a small HTTP server, and `sidecar`, which
 * reads web's page over 127.0.0.1 — each in its own container made from a
 * root filesystem tarball, sharing one network namespace with only
 * loopback (network none). The group's rules come from the agent: all or
 * nothing at launch, and when one task fails the other is killed.
 *
 *   node dist/examples/pod-with-sidecar.js --master 127.0.0.1:5050 --rootfs /images/busybox.tar.xz
 *
 * The agent needs `--containerizers tar` (and root, runc). The tarball needs
 * busybox with `httpd` and `wget`. Exit status: 0 when both tasks finished,
 * 1 otherwise.
 */
import { OfferLedger, SchedulerDriver, TaskState, compileTask, isTerminal, podContainer, tarballContainer, type TaskSpec } from '@meseta/sdk';
import type { ExecutorInfo, TaskInfo } from '@meseta/sdk';

/** `--name value` from the command line, or the fallback. */
function flag(name: string, fallback?: string): string {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? process.argv[at + 1] : fallback;
  if (value === undefined) throw new Error(`--${name}: required`);
  return value;
}

const master = flag('master', '127.0.0.1:5050');
const rootfs = flag('rootfs');

// Each task has its own root filesystem (its own writable layer over the same image).
const container = tarballContainer(rootfs);
const group: TaskSpec[] = [
  {
    name: 'web',
    // Serves for a few seconds, then ends: the pod ends when both tasks have.
    command: 'mkdir -p /www && echo "hello from the web container" > /www/index.html && httpd -p 127.0.0.1:8080 -h /www && sleep 3',
    cpus: 0.1,
    mem: 32,
    container,
  },
  {
    name: 'sidecar',
    // The pod's members share the network: web's port is on the sidecar's 127.0.0.1.
    command: 'for i in 1 2 3 4 5 6 7 8 9 10; do wget -qO- http://127.0.0.1:8080/ && exit 0; sleep 0.2; done; exit 1',
    cpus: 0.1,
    mem: 32,
    container,
  },
];

let launched: TaskInfo[] = [];
const states = new Map<string, TaskState>();

const driver: SchedulerDriver = new SchedulerDriver({
  master,
  framework: { name: 'pod-with-sidecar' },
  handlers: {
    subscribed: ({ frameworkId }) => console.log(`subscribed as framework ${frameworkId}`),

    offers: async (offers): Promise<void> => {
      const ids = offers.map((o) => o.id?.value ?? '');
      if (launched.length > 0) return driver.decline(ids, { refuseSeconds: 3600 });
      for (const offer of offers) {
        // The whole group must fit in one offer: its tasks run together on one agent.
        const ledger = new OfferLedger(offer);
        const taken = group.map((spec) => ledger.tryTake(spec));
        if (!taken.every((t) => t.fits)) continue;
        launched = group.map((spec, i) => compileTask(spec, offer, taken[i].fits ? taken[i].resources : []));
        const executor: ExecutorInfo = {
          executor_id: { value: `pod-${Date.now()}` },
          framework_id: { value: driver.frameworkId ?? '' },
          // The executor's container names what the group shares: network none, one host name.
          container: podContainer('none', 'web-pod'),
        };
        await driver.launchGroup(offer.id?.value ?? '', executor, launched);
        console.log(`launched ${launched.map((t) => t.task_id?.value).join(' + ')} on agent ${offer.hostname}`);
        await driver.decline(ids.filter((id) => id !== offer.id?.value), { refuseSeconds: 3600 });
        return driver.suppress();
      }
      return driver.decline(ids, { refuseSeconds: 1 });
    },

    update: async (status) => {
      const name = launched.find((t) => t.task_id?.value === status.task_id?.value)?.name ?? status.task_id?.value;
      const state = status.state as TaskState;
      states.set(status.task_id?.value ?? '', state);
      console.log(`${name}: ${TaskState[state]}${status.message ? ` (${status.message})` : ''}`);
      if (launched.length > 0 && launched.every((t) => isTerminal(states.get(t.task_id?.value ?? '')))) {
        const ok = launched.every((t) => states.get(t.task_id?.value ?? '') === TaskState.TASK_FINISHED);
        await driver.teardown();
        process.exit(ok ? 0 : 1);
      }
    },
  },
});

driver.start().catch((e: Error) => {
  console.error(`pod-with-sidecar: ${e.message}`);
  process.exit(1);
});
