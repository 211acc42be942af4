/**
 * Hello world: a framework that launches N tasks saying hello, prints every
 * state change, and tears itself down once they have all ended.
 *
 *   node dist/examples/hello-world.js --master 127.0.0.1:5050 --tasks 5
 *
 * Without --master the SDK reads the client config, as the meseta CLI does
 * (after `meseta local`: `export MESETA_CONFIG=…`), else 127.0.0.1:5050.
 *
 * Exit status: 0 when every task finished, 1 when any failed.
 */
import { SchedulerDriver, TaskState, firstFit, isTerminal, type TaskSpec } from '@meseta/sdk';

/** `--name value` from the command line, or the fallback. */
function flag(name: string, fallback: string): string;
function flag(name: string): string | undefined;
function flag(name: string, fallback?: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

// Undefined: the SDK takes the master (and TLS, token) from the client config.
const master = flag('master');
const taskCount = Number(flag('tasks', '5'));

// The tasks still waiting for an offer. Each one asks for 0.1 cpus and 32 MB.
let pending: TaskSpec[] = Array.from({ length: taskCount }, (_, i) => ({
  name: `hello-${i}`,
  taskId: `hello-${i}`,
  command: 'echo hello from task $MESETA_TASK_ID; sleep 1',
  cpus: 0.1,
  mem: 32,
}));
let ended = 0;
let failed = 0;

const driver = new SchedulerDriver({
  master,
  framework: { name: 'hello-world' },
  handlers: {
    subscribed: ({ frameworkId }) => console.log(`subscribed as framework ${frameworkId}`),

    offers: async (offers) => {
      // Put each pending task in the first offer with room for it.
      const plan = firstFit(pending, offers);
      pending = plan.unplaced.map((u) => u.spec);
      for (const { offer, tasks } of plan.launches) {
        const offerId = offer.id!.value!;
        try {
          await driver.launch([offerId], tasks);
        } catch (error) {
          console.error(`launch failed: ${(error as Error).message}`);
          pending.push(...plan.placed.filter((p) => p.offerId === offerId).map((p) => p.spec));
        }
      }
      // Give back what we did not use, saying why, and do not offer it again for 30 s.
      if (plan.unusedOfferIds.length > 0) {
        await driver.decline(plan.unusedOfferIds, { refuseSeconds: 30, refusals: plan.refusals });
      }
      // Everything is launched: stop receiving offers.
      if (pending.length === 0) await driver.suppress();
    },

    update: async (status) => {
      const state = TaskState[status.state ?? 0];
      console.log(`${status.task_id?.value}: ${state}${status.message ? ` (${status.message})` : ''}`);
      if (!isTerminal(status.state)) return;
      ended++;
      if (status.state !== TaskState.TASK_FINISHED) failed++;
      if (ended === taskCount) {
        console.log(`all ${taskCount} tasks ended, ${failed} failed`);
        await driver.teardown();
        process.exit(failed > 0 ? 1 : 0);
      }
    },

    disconnected: (reason) => console.log(`disconnected (${reason}); reconnecting`),
    error: (message) => {
      console.error(`error from the master: ${message}`);
      process.exit(1);
    },
  },
});

process.on('SIGINT', () => void driver.teardown().finally(() => process.exit(130)));

driver.start().catch((error: Error) => {
  console.error(`could not subscribe: ${error.message}`);
  process.exit(1);
});
