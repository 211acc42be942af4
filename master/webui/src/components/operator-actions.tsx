/**
 * The operator's buttons: kill a task, tear down a framework, drain /
 * deactivate / reactivate / mark gone an agent. Each opens a
 * {@link ConfirmDialog} naming what will happen; the master's answer or
 * refusal is shown; the change itself arrives through the event stream.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { UiAgent, UiFramework } from '../../../http-ui-types';
import type { ClusterStore } from '../model/store';
import { api } from '../api';
import { postAction } from '../actions-api';
import {
  AGENT_ACTIONS, AGENT_ACTION_LABELS, agentAvailability, agentConfirmation, drainProgress, graceSeconds, killAvailability, killConfirmation,
  shellAvailability, teardownAvailability, teardownConfirmation, type AgentActionVerb,
} from '../model/actions';
import { ConfirmDialog } from './confirm-dialog';
import { agentName } from './tables';
import { TaskShell } from './task-shell';

/** The master's last answer, shown next to the buttons. */
function Notice(props: { text?: string }) {
  return props.text ? (
    <span class="notice" role="status" data-action-notice>
      {props.text}
    </span>
  ) : null;
}

/** What a kill needs to know of a task. */
export interface KillableTask {
  id: string;
  name?: string;
  framework_id: string;
  agent_id: string;
  state: string;
  completed?: boolean;
}

function KillDialog(props: { store: ClusterStore; task: KillableTask; onClose: (done?: string) => void }) {
  const { store, task } = props;
  const [grace, setGrace] = useState<number | undefined>();
  useEffect(() => {
    const abort = new AbortController();
    api.taskDetail(task.framework_id, task.id, abort.signal).then(
      (d) => setGrace(graceSeconds(d.task.kill_policy)),
      () => setGrace(graceSeconds(undefined)),
    );
    return () => abort.abort();
  }, [task.framework_id, task.id]);
  return (
    <ConfirmDialog
      name="kill"
      title="Kill task"
      text={killConfirmation(task, agentName(store, task.agent_id), grace)}
      confirmLabel="Kill task"
      onConfirm={async () => (await postAction('kill', { framework_id: task.framework_id, task_id: task.id })).message}
      onClose={props.onClose}
    />
  );
}

/** A Kill button with its dialog; `small` for a table row. */
export function KillTaskButton(props: { store: ClusterStore; task: KillableTask; small?: boolean; onDone?: (message: string) => void }) {
  const [open, setOpen] = useState(false);
  const can = killAvailability(props.task);
  return (
    <>
      <button
        type="button"
        class={`button danger${props.small ? ' small' : ''}`}
        data-action="kill"
        disabled={!can.enabled}
        title={can.why ?? `Kill task ${props.task.id}`}
        onClick={() => setOpen(true)}
      >
        Kill
      </button>
      {open && (
        <KillDialog
          store={props.store}
          task={props.task}
          onClose={(done) => {
            setOpen(false);
            if (done) props.onDone?.(done);
          }}
        />
      )}
    </>
  );
}

/** The task page's actions: Kill, and Open shell (a terminal in the task's container). */
export function TaskActions(props: { store: ClusterStore; task: KillableTask; agentStatus?: string; children?: ComponentChildren }) {
  const [notice, setNotice] = useState<string | undefined>();
  const [shell, setShell] = useState(false);
  const canShell = shellAvailability(props.task, props.agentStatus);
  return (
    <>
      <div class="page-actions" data-actions="task">
        <KillTaskButton store={props.store} task={props.task} onDone={setNotice} />
        <button
          type="button"
          class="button"
          data-action="shell"
          disabled={!canShell.enabled || shell}
          title={canShell.why ?? 'Open a shell in the task\'s container'}
          onClick={() => setShell(true)}
        >
          Open shell
        </button>
        {props.children}
        <Notice text={notice} />
      </div>
      {shell && (
        <div class="stack" style={{ marginBottom: '16px' }}>
          <TaskShell frameworkId={props.task.framework_id} taskId={props.task.id} onClose={() => setShell(false)} />
        </div>
      )}
    </>
  );
}

/** A Tear down button with its dialog; `small` for a table row. */
export function TeardownButton(props: { framework: UiFramework; small?: boolean; onDone?: (message: string) => void }) {
  const { framework } = props;
  const [open, setOpen] = useState(false);
  const can = teardownAvailability(framework);
  return (
    <>
      <button
        type="button"
        class={`button danger${props.small ? ' small' : ''}`}
        data-action="teardown"
        disabled={!can.enabled}
        title={can.why ?? `Tear down ${framework.name || framework.id}`}
        onClick={() => setOpen(true)}
      >
        Tear down
      </button>
      {open && (
        <ConfirmDialog
          name="teardown"
          title="Tear down framework"
          text={teardownConfirmation(framework, framework.task_count)}
          confirmLabel="Tear down"
          onConfirm={async () => (await postAction('teardown', { framework_id: framework.id })).message}
          onClose={(done) => {
            setOpen(false);
            if (done) props.onDone?.(done);
          }}
        />
      )}
    </>
  );
}

/** The framework page's Teardown. */
export function FrameworkActions(props: { framework: UiFramework }) {
  const [notice, setNotice] = useState<string | undefined>();
  return (
    <div class="page-actions" data-actions="framework">
      <TeardownButton framework={props.framework} onDone={setNotice} />
      <Notice text={notice} />
    </div>
  );
}

function AgentDialog(props: { store: ClusterStore; agent: UiAgent; verb: AgentActionVerb; onClose: (done?: string) => void }) {
  const { agent, verb } = props;
  const [cap, setCap] = useState('');
  const [markGone, setMarkGone] = useState(false);
  const capSeconds = cap.trim() === '' ? undefined : Number(cap);
  const capValid = capSeconds === undefined || (Number.isFinite(capSeconds) && capSeconds >= 0);
  const name = `${agent.hostname}:${agent.port} (${agent.id})`;
  return (
    <ConfirmDialog
      name={verb}
      title={`${AGENT_ACTION_LABELS[verb]} agent`}
      text={agentConfirmation(verb, name, agent.task_count, capValid ? capSeconds : undefined)}
      confirmLabel={AGENT_ACTION_LABELS[verb]}
      onConfirm={async () => {
        const body: Record<string, unknown> = { agent_id: agent.id };
        if (verb === 'drain') {
          if (!capValid) throw new Error('max grace period: must be a number of seconds, 0 or more');
          if (capSeconds !== undefined) body.max_grace_period_seconds = capSeconds;
          if (markGone) body.mark_gone = true;
        }
        return (await postAction(verb, body)).message;
      }}
      onClose={props.onClose}
    >
      {verb === 'drain' && (
        <>
          <label>
            Cap each task's grace period at
            <input type="number" min="0" step="1" placeholder="none" value={cap} data-field="max_grace_period_seconds" onInput={(e) => setCap((e.currentTarget as HTMLInputElement).value)} />
            seconds
          </label>
          <label>
            <input type="checkbox" checked={markGone} data-field="mark_gone" onChange={(e) => setMarkGone((e.currentTarget as HTMLInputElement).checked)} />
            Mark the agent gone once drained
          </label>
        </>
      )}
    </ConfirmDialog>
  );
}

/** The agent page's actions and the drain's progress. */
export function AgentActions(props: { store: ClusterStore; agent: UiAgent }) {
  const { store, agent } = props;
  const [open, setOpen] = useState<AgentActionVerb | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const can = agentAvailability(agent);
  const progress = drainProgress(agent);
  return (
    <div class="page-actions" data-actions="agent">
      {AGENT_ACTIONS.map((verb) => (
        <button
          key={verb}
          type="button"
          class={`button${verb === 'reactivate' ? '' : ' danger'}`}
          data-action={verb}
          disabled={!can[verb].enabled}
          title={can[verb].why ?? `${AGENT_ACTION_LABELS[verb]} this agent`}
          onClick={() => setOpen(verb)}
        >
          {AGENT_ACTION_LABELS[verb]}
        </button>
      ))}
      {progress && (
        <span class="progress" data-drain-progress={agent.operator_state}>
          {progress}
        </span>
      )}
      <Notice text={notice} />
      {open && (
        <AgentDialog
          store={store}
          agent={agent}
          verb={open}
          onClose={(done) => {
            setOpen(undefined);
            if (done) setNotice(done);
          }}
        />
      )}
    </div>
  );
}
