/**
 * `meseta run --group`: several commands launched together as one task
 * group (a pod: LAUNCH_GROUP under one executor), start to end. Waits for
 * one offer that holds the whole group, prints every state change with its
 * task id, prints each task's output when all have ended, and tears the
 * framework down. Exits 0 when every task finished, else with the exit code
 * of the first task that did not (see task-exit-code.ts).
 */
import type { ExecutorInfo, Offer, TaskInfo, TaskStatus } from '@meseta/proto/wire';
import { pb, TaskState } from '@meseta/proto/wire';
import { idOf, newId } from '@meseta/proto/ids';
import { isTerminal } from '@meseta/proto/task-state';
import { compileTask, OfferLedger, SchedulerDriver, type TaskSpec } from '@meseta/sdk';
import { quietWhen } from '../daemon';
import { latestRunDir, readSandboxFile } from '../sandbox-output';
import { formatStatus, INTERRUPTED_EXIT_CODE, taskExitCode } from '../task-exit-code';
import { cliClientCredentials } from '../client-credentials';
import { agentAddressOf, DECLINE_SECONDS, KILL_WAIT_MS, type RunRequestBase } from '../run-common';

/** A group to run. */
export interface GroupRunRequest extends RunRequestBase {
  /** The tasks (each with its own command, resources and container). */
  tasks: TaskSpec[];
  /** The pod's executor container (carries the pod's network). */
  executorContainer?: ExecutorInfo['container'];
}

/** One group's run; {@link run} resolves to the exit code. */
export class GroupRun {
  private readonly print: (line: string) => void;
  private readonly driver: SchedulerDriver;
  private launched: TaskInfo[] = [];
  private readonly last = new Map<string, TaskStatus>();
  private frameworkId = '';
  private agentAddress = '';
  private tearingDown = false;
  private interrupted = false;
  private finish!: (code: number) => void;
  private readonly finished = new Promise<number>((resolve) => (this.finish = resolve));
  private reported = '';

  constructor(private readonly request: GroupRunRequest) {
    this.print = request.print ?? ((line) => process.stdout.write(line + '\n'));
    const name = request.tasks.map((t) => t.name).join('+');
    this.driver = new SchedulerDriver({
      master: request.master,
      security: cliClientCredentials().security,
      framework: { name: `meseta-run ${name}`, roles: [request.role ?? '*'] },
      logger: quietWhen(request.logger, () => this.tearingDown),
      handlers: {
        offers: (offers) => this.onOffers(offers),
        update: (status) => this.onUpdate(status),
        error: (message) => {
          if (this.tearingDown) return;
          this.print(`error from the master: ${message}`);
          this.finish(1);
        },
      },
    });
  }

  /** Subscribe, run the group, tear down; resolves to the exit code. */
  async run(): Promise<number> {
    this.frameworkId = await this.driver.start();
    this.print(`subscribed as framework ${this.frameworkId} at master ${this.request.master}`);
    const code = await this.finished;
    if (this.request.showOutput !== false && !this.interrupted) await this.printOutput();
    this.tearingDown = true;
    await this.driver.teardown().catch((e: unknown) => this.request.logger.warn('teardown failed', { error: e }));
    return code;
  }

  /** Ctrl-C: kill every task (the agent kills the whole group), wait for the ends, exit 130. */
  interrupt(): void {
    const again = this.interrupted;
    this.interrupted = true;
    const live = this.launched.filter((t) => !isTerminal(this.last.get(idOf(t.task_id))?.state));
    if (again || live.length === 0) {
      this.finish(INTERRUPTED_EXIT_CODE);
      return;
    }
    this.print('interrupted: killing the group');
    setTimeout(() => this.finish(INTERRUPTED_EXIT_CODE), KILL_WAIT_MS).unref();
    for (const task of live) void this.driver.kill(idOf(task.task_id), idOf(task.agent_id)).catch(() => this.finish(INTERRUPTED_EXIT_CODE));
  }

  private async onOffers(offers: Offer[]): Promise<void> {
    const ids = offers.map((o) => idOf(o.id));
    if (this.launched.length > 0) {
      await this.driver.decline(ids, { refuseSeconds: 3600 }).catch(() => undefined);
      return;
    }
    for (const offer of offers) {
      const ledger = new OfferLedger(offer);
      const taken = this.request.tasks.map((spec) => ledger.tryTake(spec));
      const short = taken.find((t) => !t.fits);
      if (short && !short.fits) {
        const why = short.refusals.map((r) => r.message).join('; ');
        if (why !== this.reported) this.print(`waiting: the whole group does not fit in one offer (${why})`);
        this.reported = why;
        continue;
      }
      const tasks = this.request.tasks.map((spec, i) => compileTask(spec, offer, (taken[i] as { resources: TaskInfo['resources'] }).resources ?? []));
      const executor: ExecutorInfo = {
        type: pb.ExecutorInfo.Type.DEFAULT,
        executor_id: { value: `group-${newId()}` },
        framework_id: { value: this.frameworkId },
      };
      if (this.request.executorContainer) executor.container = this.request.executorContainer;
      this.launched = tasks;
      this.agentAddress = agentAddressOf(offer);
      await this.driver.launchGroup(idOf(offer.id), executor, tasks);
      this.print(`launched group of ${tasks.length} tasks on agent ${idOf(offer.agent_id)}${this.agentAddress ? ` (${this.agentAddress})` : ''}: ${tasks.map((t) => idOf(t.task_id)).join(', ')}`);
      const rest = ids.filter((id) => id !== idOf(offer.id));
      if (rest.length > 0) await this.driver.decline(rest, { refuseSeconds: 3600 });
      await this.driver.suppress().catch(() => undefined);
      return;
    }
    await this.driver.decline(ids, { refuseSeconds: DECLINE_SECONDS });
  }

  private onUpdate(status: TaskStatus): void {
    const taskId = idOf(status.task_id);
    if (!this.launched.some((t) => idOf(t.task_id) === taskId)) return;
    if (status.state !== this.last.get(taskId)?.state) this.print(`${taskId}: ${formatStatus(status)}`);
    this.last.set(taskId, status);
    if (!this.launched.every((t) => isTerminal(this.last.get(idOf(t.task_id))?.state))) return;
    if (this.interrupted) {
      this.finish(INTERRUPTED_EXIT_CODE);
      return;
    }
    const statuses = this.launched.map((t) => this.last.get(idOf(t.task_id)) as TaskStatus);
    const unsuccessful = statuses.filter((s) => s.state !== TaskState.TASK_FINISHED).sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0));
    this.finish(unsuccessful.length === 0 ? 0 : taskExitCode(unsuccessful[0]));
  }

  private async printOutput(): Promise<void> {
    if (!this.agentAddress.includes(':')) return;
    const printError = this.request.printError ?? ((text: string) => process.stderr.write(text));
    for (const task of this.launched) {
      const taskId = idOf(task.task_id);
      for (const file of ['stdout', 'stderr'] as const) {
        const text = await readSandboxFile(this.agentAddress, `${latestRunDir(this.frameworkId, taskId)}/${file}`).catch(() => '');
        if (text === '') continue;
        const body = text.endsWith('\n') ? text : text + '\n';
        if (file === 'stdout') this.print(`--- ${taskId} stdout ---\n${body.slice(0, -1)}`);
        else printError(`--- ${taskId} stderr ---\n${body}`);
      }
    }
  }
}

