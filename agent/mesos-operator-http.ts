/**
 * `POST /api/v1` on the agent: the Mesos v1 agent operator API
 * (`meseta.v1.agent.Call` in, `Response` or a RecordIO stream of
 * `ProcessIO` out), over the same snapshot as the agent's `/state` and the
 * same confined sandbox reads as its `/files` (`http-mesos-files.ts`,
 * `sandbox-files.ts`, `confined-open.ts`). Callers are checked before it
 * (`caller-trust.ts`: `--http-credentials`).
 *
 * Nested containers (`nested-containers.ts`): LAUNCH_NESTED_CONTAINER_SESSION
 * answers a stream of the process's stdout and stderr that ends when it
 * ends (the process is killed if the client goes away first);
 * LAUNCH_NESTED_CONTAINER, WAIT, KILL and REMOVE (under their old and new
 * names, for ids with a parent); ATTACH_CONTAINER_OUTPUT streams what the
 * process writes from then on; ATTACH_CONTAINER_INPUT reads a RecordIO
 * stream of calls (`Content-Type: application/recordio`, the records'
 * format in `Message-Content-Type`) into the process's stdin, an empty
 * STDIN data record closing it.
 *
 * Calls Mesos has that Meseta does not do are answered 501 naming them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { v1 } from '@meseta/proto/wire';
import { enumName, pb } from '@meseta/proto/wire';
import { APPLICATION_RECORDIO, MesosHttpError, decodeMesosMessage, requestFormat } from '@meseta/proto/mesos-http';
import { RecordIoDecoder } from '@meseta/proto/recordio';
import type { Logger } from '@meseta/runtime/log';
import { readSystemFigures } from '@meseta/runtime/system-figures';
import type { AgentSnapshot, ExecTarget } from './agent';
import { agentMetricsSnapshot } from './mesos-agent-state';
import { browseFiles, readFiles, type FilesSource } from './http-mesos-files';
import { FilesError } from './sandbox-files';
import { agentGetAgent, agentGetExecutors, agentGetFrameworks, agentGetState, agentGetTasks, containerMessage, fileInfoOf, runningContainers } from './mesos-operator-views';
import { NestedContainers, type NestedContainer, nestedIds, waitStatus } from './nested-containers';
import { signalName } from './containerizers/exec-server';
import { openRecordStream, readMesosCall, sendEmpty, sendMesosError, sendMesosMessage } from '../master/mesos-operator-exchange';

const T = pb.agent.Call.Type;
const R = pb.agent.Response.Type;
const IO = pb.agent.ProcessIO;

/** What the agent's operator API reads and acts on. */
export interface AgentOperatorSource {
  snapshot(): AgentSnapshot;
  workDir: string;
  /** True for a secret file of a task (never read out). */
  isSecretFile(pathUnderSandboxes: string): boolean;
  /** Where a command in a task's container runs (`Agent.execTarget`). */
  execTarget(frameworkId: string, taskId: string): ExecTarget;
  /** The agent's flags as Mesos lists them. */
  flags: Record<string, string>;
  /** Seconds since the epoch when the agent started. */
  startTime: number;
  logger: Logger;
  /** The latest usage statistics of a container (the usage sampler's). @default none: only a timestamp */
  statistics?(containerId: string): v1.IResourceStatistics | undefined;
}

/** Calls Mesos has that the agent refuses, with why. */
const NOT_DONE: Partial<Record<number, string>> = {
  [T.SET_LOGGING_LEVEL]: 'Meseta has no logging verbosity levels to set',
  [T.GET_OPERATIONS]: 'the agent keeps no operations: reservations and volumes are applied and kept by the master',
  [T.GET_RESOURCE_PROVIDERS]: 'resource providers are not supported',
  [T.ADD_RESOURCE_PROVIDER_CONFIG]: 'resource providers are not supported',
  [T.UPDATE_RESOURCE_PROVIDER_CONFIG]: 'resource providers are not supported',
  [T.REMOVE_RESOURCE_PROVIDER_CONFIG]: 'resource providers are not supported',
  [T.MARK_RESOURCE_PROVIDER_GONE]: 'resource providers are not supported',
  [T.PRUNE_IMAGES]: 'image pruning through the API is not supported (the tar store prunes itself with --image-store-max-mb)',
};

/** Why a call is not answered: missing or unknown type, or a call Meseta does not do. */
export function agentRefusalOf(call: v1.agent.ICall): MesosHttpError {
  const type = call.type;
  if (type === null || type === undefined || type === T.UNKNOWN) return new MesosHttpError(400, 'type: missing or not a known call type (e.g. {"type": "GET_STATE"})');
  const why = NOT_DONE[type];
  if (why) return new MesosHttpError(501, `${enumName(pb.agent.Call.Type, type)}: not implemented by Meseta: ${why}`);
  return new MesosHttpError(400, `${enumName(pb.agent.Call.Type, type)}: not answered by this endpoint`);
}

/** The container of a task by its container id (the parent of nested containers). */
export function taskContainerTarget(source: Pick<AgentOperatorSource, 'snapshot' | 'execTarget'>, parent: string): ExecTarget {
  const task = source.snapshot().tasks.find((t) => t.containerId === parent);
  if (!task) return { problem: 'not-found', message: 'no running task has this container id (GET_CONTAINERS lists them)' };
  return source.execTarget(task.frameworkId, task.taskId);
}

/** A signal number as a name, SIGKILL when absent; 400 for an unknown number. */
function signalOf(field: string, n: number | null | undefined): NodeJS.Signals {
  if (n === null || n === undefined || n === 0) return 'SIGKILL';
  const name = signalName(n);
  if (!name) throw new MesosHttpError(400, `${field}: ${n} is not a signal number`);
  return name;
}

/** The request listener for the agent's `/api/v1`. */
export function mesosAgentOperatorHandler(source: AgentOperatorSource) {
  const log = source.logger;
  const nested = new NestedContainers((parent) => taskContainerTarget(source, parent));
  const files: FilesSource = { snapshot: () => source.snapshot(), workDir: source.workDir, isSecretFile: (f) => source.isSecretFile(f) };
  const filesUrl = (path: string, extra: Record<string, string> = {}): URL => {
    const url = new URL('http://agent.invalid/files');
    url.searchParams.set('path', path);
    for (const [k, v] of Object.entries(extra)) url.searchParams.set(k, v);
    return url;
  };

  const answer = async (call: v1.agent.ICall): Promise<v1.agent.IResponse> => {
    const snapshot = source.snapshot();
    switch (call.type) {
      case T.GET_HEALTH:
        return { type: R.GET_HEALTH, get_health: { healthy: true } };
      case T.GET_FLAGS:
        return { type: R.GET_FLAGS, get_flags: { flags: Object.entries(source.flags).map(([name, value]) => ({ name, value })) } };
      case T.GET_VERSION:
        return { type: R.GET_VERSION, get_version: { version_info: { version: snapshot.version } } };
      case T.GET_METRICS: {
        const metrics = agentMetricsSnapshot(snapshot, source.startTime, Date.now() / 1000, readSystemFigures());
        return { type: R.GET_METRICS, get_metrics: { metrics: Object.entries(metrics).map(([name, value]) => ({ name, value })) } };
      }
      case T.GET_LOGGING_LEVEL:
        return { type: R.GET_LOGGING_LEVEL, get_logging_level: { level: 0 } };
      case T.LIST_FILES: {
        const path = call.list_files?.path;
        if (!path) throw new MesosHttpError(400, 'list_files.path: required');
        const entries = (await browseFiles(files, filesUrl(path))) as Parameters<typeof fileInfoOf>[0][];
        return { type: R.LIST_FILES, list_files: { file_infos: entries.map(fileInfoOf) } };
      }
      case T.READ_FILE: {
        const path = call.read_file?.path;
        if (!path) throw new MesosHttpError(400, 'read_file.path: required');
        const size = (await readFiles(files, filesUrl(path, { offset: '-1' }))).offset;
        const extra: Record<string, string> = { offset: String(call.read_file?.offset ?? 0) };
        // Generated messages answer an absent field with its default (0): only a length the caller set counts.
        if (call.read_file && Object.prototype.hasOwnProperty.call(call.read_file, 'length') && call.read_file.length !== null) extra.length = String(call.read_file.length);
        const read = await readFiles(files, filesUrl(path, extra));
        return { type: R.READ_FILE, read_file: { size, data: Buffer.from(read.data, 'utf8') } };
      }
      case T.GET_STATE:
        return { type: R.GET_STATE, get_state: agentGetState(snapshot) };
      case T.GET_CONTAINERS: {
        const now = Date.now() / 1000;
        const containers = runningContainers(snapshot).map((t) => containerMessage(t, source.statistics?.(t.containerId), now));
        return { type: R.GET_CONTAINERS, get_containers: { containers } };
      }
      case T.GET_FRAMEWORKS:
        return { type: R.GET_FRAMEWORKS, get_frameworks: agentGetFrameworks(snapshot) };
      case T.GET_EXECUTORS:
        return { type: R.GET_EXECUTORS, get_executors: agentGetExecutors(snapshot) };
      case T.GET_TASKS:
        return { type: R.GET_TASKS, get_tasks: agentGetTasks(snapshot) };
      case T.GET_AGENT:
        return { type: R.GET_AGENT, get_agent: agentGetAgent(snapshot) };
      case T.WAIT_NESTED_CONTAINER:
      case T.WAIT_CONTAINER: {
        const field = call.type === T.WAIT_CONTAINER ? 'wait_container.container_id' : 'wait_nested_container.container_id';
        const { id } = nestedIds(field, (call.wait_container ?? call.wait_nested_container)?.container_id);
        const exit = await nested.get(id, field).exited;
        const result = { exit_status: waitStatus(exit), message: exit.message };
        return call.type === T.WAIT_CONTAINER ? { type: R.WAIT_CONTAINER, wait_container: result } : { type: R.WAIT_NESTED_CONTAINER, wait_nested_container: result };
      }
    }
    throw agentRefusalOf(call);
  };

  /** Stream a container's output as ProcessIO records until it ends; `killOnClose` for sessions. */
  const streamOutput = (req: IncomingMessage, res: ServerResponse, container: NestedContainer, killOnClose: boolean): void => {
    const stream = openRecordStream(req, res, IO);
    const listener = (kind: 'stdout' | 'stderr', chunk: Buffer): void => {
      stream.write({ type: IO.Type.DATA, data: { type: kind === 'stdout' ? IO.Data.Type.STDOUT : IO.Data.Type.STDERR, data: chunk } });
    };
    container.listeners.add(listener);
    res.on('close', () => {
      container.listeners.delete(listener);
      if (killOnClose && !container.exit) {
        log.info('nested container session closed by its client: killed', { container: container.id });
        nested.kill(container.id, 'SIGKILL', 'container_id');
      }
    });
    void container.exited.then(() => {
      container.listeners.delete(listener);
      stream.end();
    });
  };

  /** ATTACH_CONTAINER_INPUT: a RecordIO stream of calls into a container's stdin. */
  const attachInput = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const header = req.headers['message-content-type'];
    const format = requestFormat(Array.isArray(header) ? header[0] : header);
    const decoder = new RecordIoDecoder({ maxRecordBytes: 1024 * 1024 });
    let container: NestedContainer | undefined;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      let records: Uint8Array[];
      try {
        records = decoder.push(chunk);
      } catch (e) {
        throw new MesosHttpError(400, `ATTACH_CONTAINER_INPUT: ${(e as Error).message}`);
      }
      for (const record of records) {
        const call = decodeMesosMessage(pb.agent.Call, Buffer.from(record), format);
        const input = call.attach_container_input;
        if (call.type !== T.ATTACH_CONTAINER_INPUT || !input) throw new MesosHttpError(400, 'type: every record of the input stream must be an ATTACH_CONTAINER_INPUT call');
        if (!container) {
          if (input.type !== pb.agent.Call.AttachContainerInput.Type.CONTAINER_ID) {
            throw new MesosHttpError(400, 'attach_container_input.type: the first record must be CONTAINER_ID');
          }
          const field = 'attach_container_input.container_id';
          container = nested.get(nestedIds(field, input.container_id).id, field);
          continue;
        }
        const data = input.process_io?.data;
        if (input.type !== pb.agent.Call.AttachContainerInput.Type.PROCESS_IO || !data) continue; // heartbeats and controls
        if (data.type !== IO.Data.Type.STDIN) throw new MesosHttpError(400, 'attach_container_input.process_io.data.type: only STDIN goes into a container');
        if (!data.data || data.data.length === 0) container.session.stdin.end();
        else if (!container.exit) container.session.stdin.write(Buffer.from(data.data));
      }
    }
    if (!container) throw new MesosHttpError(400, 'attach_container_input: the stream held no CONTAINER_ID record');
    sendEmpty(res);
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const contentType = String(req.headers['content-type'] ?? '').toLowerCase();
    if (req.method === 'POST' && contentType.startsWith(APPLICATION_RECORDIO)) return attachInput(req, res);
    const { call, answerFormat } = await readMesosCall(req, pb.agent.Call);
    switch (call.type) {
      case T.LAUNCH_NESTED_CONTAINER_SESSION: {
        const field = 'launch_nested_container_session.container_id';
        const { id, parent } = nestedIds(field, call.launch_nested_container_session?.container_id);
        const container = await nested.launch(parent, id, call.launch_nested_container_session?.command, field);
        log.info('nested container session started', { container: id, parent });
        return streamOutput(req, res, container, true);
      }
      case T.LAUNCH_NESTED_CONTAINER:
      case T.LAUNCH_CONTAINER: {
        const body = call.type === T.LAUNCH_CONTAINER ? call.launch_container : call.launch_nested_container;
        const field = call.type === T.LAUNCH_CONTAINER ? 'launch_container.container_id' : 'launch_nested_container.container_id';
        const { id, parent } = nestedIds(field, body?.container_id);
        await nested.launch(parent, id, body?.command, field);
        log.info('nested container started', { container: id, parent });
        return sendEmpty(res);
      }
      case T.KILL_NESTED_CONTAINER:
      case T.KILL_CONTAINER: {
        const body = call.kill_container ?? call.kill_nested_container;
        const field = call.type === T.KILL_CONTAINER ? 'kill_container' : 'kill_nested_container';
        const { id } = nestedIds(`${field}.container_id`, body?.container_id);
        nested.kill(id, signalOf(`${field}.signal`, body?.signal), `${field}.container_id`);
        return sendEmpty(res);
      }
      case T.REMOVE_NESTED_CONTAINER:
      case T.REMOVE_CONTAINER: {
        const field = call.type === T.REMOVE_CONTAINER ? 'remove_container.container_id' : 'remove_nested_container.container_id';
        const { id } = nestedIds(field, (call.remove_container ?? call.remove_nested_container)?.container_id);
        nested.remove(id, field);
        return sendEmpty(res);
      }
      case T.ATTACH_CONTAINER_OUTPUT: {
        const field = 'attach_container_output.container_id';
        const container = nested.get(nestedIds(field, call.attach_container_output?.container_id).id, field);
        if (container.exit) throw new MesosHttpError(409, `${field}.value: container '${container.id}' has ended`);
        return streamOutput(req, res, container, false);
      }
      case T.ATTACH_CONTAINER_INPUT:
        throw new MesosHttpError(415, `ATTACH_CONTAINER_INPUT: send the calls as a stream: Content-Type: ${APPLICATION_RECORDIO} with Message-Content-Type: application/json or application/x-protobuf`);
    }
    sendMesosMessage(res, pb.agent.Response, await answer(call), answerFormat);
  };

  const handler = (req: IncomingMessage, res: ServerResponse): Promise<void> =>
    route(req, res).catch((e: unknown) => {
      if (e instanceof FilesError) return sendMesosError(res, new MesosHttpError(e.status, e.message));
      if (e instanceof MesosHttpError) return sendMesosError(res, e);
      log.error('operator call failed', { url: req.url, problem: (e as Error).message });
      sendMesosError(res, new MesosHttpError(500, (e as Error).message));
    });
  return Object.assign(handler, { stop: () => nested.killAll() });
}
