/**
 * One task run by `meseta run`, start to end: subscribe a framework, wait
 * for an offer the task fits in (saying once why offers do not fit),
 * launch it, print each state change, and tear the framework down when the
 * task ends. An interrupt kills the task first.
 */
import type { Offer, TaskInfo, TaskStatus } from '@meseta/proto/wire';
import { enumName, pb, TaskState } from '@meseta/proto/wire';
import { idOf } from '@meseta/proto/ids';
import { isTerminal } from '@meseta/proto/task-state';
import { SchedulerDriver, firstFit, type TaskSpec } from '@meseta/sdk';
import { quietWhen } from './daemon';
import { latestRunDir, readSandboxFile, sandboxUrl } from './sandbox-output';
import { formatStatus, INTERRUPTED_EXIT_CODE, taskExitCode } from './task-exit-code';
import { cliClientCredentials } from './client-credentials';
import { agentAddressOf, DECLINE_SECONDS, KILL_WAIT_MS, type RunRequestBase } from './run-common';

/** What to run and where. */
export interface TaskRunRequest extends RunRequestBase {
  /** The task; its `taskId` is generated from its name when absent. */
  task: TaskSpec;
  /** Kill the task this many seconds after it reports TASK_RUNNING. @default never */
  killAfterSeconds?: number;
  /** Say that no offer arrived after this long. @default 5 */
  noOfferWarningSeconds?: number;
}

/** A single task's run; {@link run} resolves to the exit code. */
export class TaskRun {
  private readonly print: (line: string) => void;
  private readonly driver: SchedulerDriver;
  private launched: TaskInfo | undefined;
  private frameworkId = '';
  private agentAddress = '';
  private lastState: number | undefined;
  private lastMessage = '';
  private readonly reportedWaits = new Set<string>();
  private offerSeen = false;
  private killTimer: NodeJS.Timeout | undefined;
  private noOfferTimer: NodeJS.Timeout | undefined;
  private interrupted = false;
  /** Set once TEARDOWN is sent: the master's "framework removed" ERROR that follows is expected. */
  private tearingDown = false;
  private finish!: (code: number) => void;
  private readonly finished = new Promise<number>((resolve) => (this.finish = resolve));
  private terminal: ((status: TaskStatus) => void) | undefined;

  constructor(private readonly request: TaskRunRequest) {
    this.print = request.print ?? ((line) => process.stdout.write(line + '\n'));
    this.driver = new SchedulerDriver({
      master: request.master,
      security: cliClientCredentials().security,
      framework: { name: `meseta-run ${request.task.name}`, roles: [request.role ?? '*'] },
      logger: quietWhen(request.logger, () => this.tearingDown),
      handlers: {
        offers: (offers) => this.onOffers(offers),
        update: (status) => this.onUpdate(status),
        error: (message) => {
          if (this.tearingDown) return;
          this.print(`error from the master: ${message}`);
          this.finish(1);
        },
        disconnected: (reason) => this.print(`disconnected from the master (${reason}); reconnecting`),
      },
    });
  }

  /** Subscribe, run the task, tear down; resolves to the exit code. */
  async run(): Promise<number> {
    const frameworkId = await this.driver.start();
    this.frameworkId = frameworkId;
    this.print(`subscribed as framework ${frameworkId} at master ${this.request.master}`);
    this.noOfferTimer = setTimeout(() => {
      if (!this.offerSeen) this.print('waiting: no offers yet (are agents registered? try: meseta agents)');
    }, (this.request.noOfferWarningSeconds ?? 5) * 1000);
    const code = await this.finished;
    clearTimeout(this.noOfferTimer);
    clearTimeout(this.killTimer);
    if (this.request.showOutput !== false && !this.interrupted) await this.printOutput();
    this.tearingDown = true;
    await this.driver.teardown().catch((e: unknown) => this.request.logger.warn('teardown failed', { error: e }));
    return code;
  }

  /**
   * Ctrl-C: kill the task if it was launched and wait (up to 15 s) for its
   * last state, then finish with exit code 130. A second call finishes at once.
   */
  interrupt(): void {
    const alreadyInterrupted = this.interrupted;
    this.interrupted = true;
    if (alreadyInterrupted || !this.launched || isTerminal(this.lastState)) {
      this.finish(INTERRUPTED_EXIT_CODE);
      return;
    }
    this.print(`interrupted: killing task ${idOf(this.launched.task_id)}`);
    const timer = setTimeout(() => this.finish(INTERRUPTED_EXIT_CODE), KILL_WAIT_MS);
    this.terminal = () => {
      clearTimeout(timer);
      this.finish(INTERRUPTED_EXIT_CODE);
    };
    // Without a master to pass the kill on there is nothing to wait for; with
    // failover timeout 0 the master kills the task when this framework goes.
    void this.kill().then((sent) => {
      if (sent) return;
      clearTimeout(timer);
      this.finish(INTERRUPTED_EXIT_CODE);
    });
  }

  /** Print the ended task's stdout (and its stderr, on stderr) from the sandbox, when there is any. */
  private async printOutput(): Promise<void> {
    const task = this.launched;
    if (!task || !this.agentAddress.includes(':')) return;
    const dir = latestRunDir(this.frameworkId, idOf(task.task_id));
    const printError = this.request.printError ?? ((text: string) => process.stderr.write(text));
    for (const file of ['stdout', 'stderr'] as const) {
      let text: string;
      try {
        text = await readSandboxFile(this.agentAddress, `${dir}/${file}`);
      } catch (e) {
        this.print(`could not read the task's ${file}: ${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
      if (text === '') continue;
      const body = text.endsWith('\n') ? text : text + '\n';
      if (file === 'stdout') {
        this.print('--- task stdout ---');
        this.print(body.slice(0, -1));
      } else {
        printError(`--- task stderr ---\n${body}`);
      }
    }
  }

  /** Send KILL; resolves false (after saying why) when the master could not be told. */
  private async kill(): Promise<boolean> {
    const task = this.launched;
    if (!task) return false;
    try {
      await this.driver.kill(idOf(task.task_id), idOf(task.agent_id));
      return true;
    } catch (e) {
      this.print(`kill failed: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
  }

  private async onOffers(offers: Offer[]): Promise<void> {
    this.offerSeen = true;
    const ids = offers.map((o) => idOf(o.id));
    if (this.launched) {
      await this.driver.decline(ids, { refuseSeconds: 3600 }).catch(() => undefined);
      return;
    }
    const plan = firstFit([this.request.task], offers);
    const launch = plan.launches[0];
    if (!launch) {
      const why = plan.refusals.map((r) => r.message).join('; ') || 'no offer fits';
      if (!this.reportedWaits.has(why)) {
        this.reportedWaits.add(why);
        this.print(`waiting: ${why}`);
      }
      await this.driver.decline(ids, { refuseSeconds: DECLINE_SECONDS, refusals: plan.refusals });
      return;
    }
    const task = launch.tasks[0];
    this.launched = task;
    const where = agentAddressOf(launch.offer);
    this.agentAddress = where;
    await this.driver.launch([idOf(launch.offer.id)], [task]);
    this.print(`launched task ${idOf(task.task_id)} on agent ${idOf(task.agent_id)}${where ? ` (${where})` : ''}`);
    this.print(
      where.includes(':')
        ? `sandbox: ${sandboxUrl(where, this.frameworkId, idOf(task.task_id))}`
        : `sandbox: ${latestRunDir(this.frameworkId, idOf(task.task_id))} in the work dir of agent ${idOf(task.agent_id)}`,
    );
    if (plan.unusedOfferIds.length > 0) await this.driver.decline(plan.unusedOfferIds, { refuseSeconds: 3600 });
    await this.driver.suppress().catch(() => undefined);
  }

  private onUpdate(status: TaskStatus): void {
    if (!this.launched || idOf(status.task_id) !== idOf(this.launched.task_id)) return;
    // A new state is printed; so is each new TASK_STARTING message (an image pull's progress).
    const progress = status.state === TaskState.TASK_STARTING && (status.message ?? '') !== this.lastMessage;
    if (status.state !== this.lastState || progress) this.print(formatStatus(status));
    this.lastState = status.state ?? undefined;
    this.lastMessage = status.message ?? '';
    if (status.state === TaskState.TASK_RUNNING && this.request.killAfterSeconds !== undefined && !this.killTimer) {
      this.killTimer = setTimeout(() => {
        this.print(`killing task after ${this.request.killAfterSeconds}s (--kill-after)`);
        void this.kill();
      }, this.request.killAfterSeconds * 1000);
    }
    if (!isTerminal(status.state)) return;
    if (this.terminal) {
      this.terminal(status);
      return;
    }
    const code = taskExitCode(status);
    this.request.logger.debug('task ended', { state: enumName(pb.TaskState, status.state), exitCode: code });
    this.finish(code);
  }
}

