/**
 * The master's Operator.Exec: how it routes a session to the task's agent
 * (a table over the master's state) and how it relays the stream both ways
 * to a stand-in agent over real gRPC sockets on 127.0.0.1.
 */
import { credentials, Server, ServerCredentials, status, type ClientDuplexStream, type ServerDuplexStream, type ServiceError } from '@grpc/grpc-js';
import { TaskState, type v1 } from '@meseta/proto/wire';
import { CHANNEL_OPTIONS, OperatorClient, OperatorService } from '@meseta/proto/services';
import { AgentDebugService } from '@meseta/proto/exec-service';
import { createLogger } from '@meseta/runtime/log';
import { routeExec, type ExecRouteState } from '../../master/exec-route';
import { execProxyImplementation } from '../../master/exec-proxy';
import type { AgentRecord, FrameworkRecord, TaskRecord } from '../../master/state';

type FrameworkPart = Pick<FrameworkRecord, 'tasks' | 'completedTasks'>;
type AgentPart = Pick<AgentRecord, 'info' | 'status'>;

function task(frameworkId: string, agentId: string, taskId: string, state: TaskState): TaskRecord {
  return { task: { task_id: { value: taskId }, state }, frameworkId, agentId, taskId, resources: [], role: '*', statuses: [], kill: { phase: 'none' } };
}

function routeState(agentPort: number): ExecRouteState {
  const f1: FrameworkPart = {
    tasks: new Map([
      ['web', task('f1', 'a1', 'web', TaskState.TASK_RUNNING)],
      ['twin', task('f1', 'a1', 'twin', TaskState.TASK_RUNNING)],
      ['cut-off', task('f1', 'a2', 'cut-off', TaskState.TASK_RUNNING)],
      ['ghost', task('f1', 'a9', 'ghost', TaskState.TASK_RUNNING)],
      ['mute', task('f1', 'a3', 'mute', TaskState.TASK_RUNNING)],
    ]),
    completedTasks: [task('f1', 'a1', 'old', TaskState.TASK_FINISHED)],
  };
  const f2: FrameworkPart = { tasks: new Map([['twin', task('f2', 'a1', 'twin', TaskState.TASK_STAGING)]]), completedTasks: [] };
  const agents = new Map<string, AgentPart>([
    ['a1', { info: { hostname: 'h1', ip: '127.0.0.1', port: agentPort }, status: 'ACTIVE' }],
    ['a2', { info: { hostname: 'h2', ip: '127.0.0.1', port: 1 }, status: 'UNREACHABLE' }],
    ['a3', { info: { hostname: '' }, status: 'ACTIVE' }],
  ]);
  const gone = { id: 'f0', tasks: new Map(), completedTasks: [task('f0', 'a1', 'killed-with-it', TaskState.TASK_KILLED)] };
  return { frameworks: new Map([['f1', f1], ['f2', f2]]), agents, completedFrameworks: [gone] };
}

describe('routeExec', () => {
  const state = routeState(5051);
  it.each<[string, string | undefined, object]>([
    ['web', undefined, { frameworkId: 'f1', agentId: 'a1', agentAddress: '127.0.0.1:5051' }],
    ['twin', 'f2', { frameworkId: 'f2', agentId: 'a1', agentAddress: '127.0.0.1:5051' }],
  ])('sends %s (framework %s) to its agent', (taskId, frameworkId, expected) => {
    expect(routeExec(state, taskId, frameworkId)).toEqual(expected);
  });

  it.each<[string, string, string | undefined, status, string]>([
    ['no task id', '', undefined, status.INVALID_ARGUMENT, 'start.task_id: required, the running task to open the session in'],
    ['an unknown task', 'nope', undefined, status.NOT_FOUND, 'no task nope is known to the master'],
    ['a task of another framework', 'web', 'f2', status.NOT_FOUND, 'no task web in framework f2 is known to the master'],
    ['an ended task', 'old', undefined, status.FAILED_PRECONDITION, 'task old has ended (TASK_FINISHED); a debug session needs a running task'],
    [
      'a task of a framework that is gone',
      'killed-with-it',
      undefined,
      status.FAILED_PRECONDITION,
      'task killed-with-it has ended (TASK_KILLED; its framework f0 is gone); a debug session needs a running task',
    ],
    ['an id in two frameworks', 'twin', undefined, status.INVALID_ARGUMENT, 'task id twin exists in several frameworks (f1, f2); set start.framework_id'],
    ['an unreachable agent', 'cut-off', undefined, status.UNAVAILABLE, 'agent a2 of task cut-off is unreachable; try again when it is back'],
    ['an agent the master lost', 'ghost', undefined, status.UNAVAILABLE, 'agent a9 of task ghost is not registered with the master'],
    ['an agent without address', 'mute', undefined, status.UNAVAILABLE, 'agent a3 of task mute advertised no address'],
  ])('refuses %s', (_name, taskId, frameworkId, code, details) => {
    expect(routeExec(state, taskId, frameworkId)).toEqual({ code, details });
  });
});

/** A stand-in agent: echoes stdin back as stdout, upper-cased, and exits 3 on stdin_closed. */
function standInAgent(seen: v1.IExecInput[], cancelled: { value: boolean }) {
  return {
    exec(call: ServerDuplexStream<v1.IExecInput, v1.IExecOutput>) {
      call.on('data', (input: v1.IExecInput) => {
        seen.push(input);
        if (input.start) {
          if (input.start.command?.[0] === 'refuse') {
            call.emit('error', { code: status.FAILED_PRECONDITION, details: 'task web is not running (TASK_STAGING)' });
            return;
          }
          call.write({ started: { container_id: { value: 'c1' }, agent_id: { value: 'a1' } } });
        }
        if (input.stdin?.length) call.write({ stdout: Buffer.from(Buffer.from(input.stdin).toString().toUpperCase()) });
        if (input.stdin_closed) {
          call.write({ stderr: Buffer.from('bye\n'), exited: { exit_code: 3 } });
          call.end();
        }
      });
      call.on('cancelled', () => {
        cancelled.value = true;
      });
    },
  };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (e, port) => (e ? reject(e) : resolve(port))));
}

describe('Operator.Exec relay', () => {
  const seen: v1.IExecInput[] = [];
  const cancelled = { value: false };
  let agentServer: Server;
  let masterServer: Server;
  let client: { exec(): ClientDuplexStream<v1.IExecInput, v1.IExecOutput>; close(): void };
  let state: ExecRouteState;
  let agentPort: number;

  beforeAll(async () => {
    agentServer = new Server();
    agentServer.addService(AgentDebugService, standInAgent(seen, cancelled));
    agentPort = await listen(agentServer);
    state = routeState(agentPort);
    masterServer = new Server();
    masterServer.addService(OperatorService, { call: () => undefined, ...execProxyImplementation(() => state, createLogger('exec', 'error')) });
    const masterPort = await listen(masterServer);
    client = new OperatorClient(`127.0.0.1:${masterPort}`, credentials.createInsecure(), CHANNEL_OPTIONS) as never;
  });

  afterAll(() => {
    client.close();
    masterServer.forceShutdown();
    agentServer.forceShutdown();
  });

  beforeEach(() => {
    seen.length = 0;
    cancelled.value = false;
  });

  /** Run one session: write `inputs`, collect every output and how it ended. */
  function session(inputs: v1.IExecInput[]): Promise<{ outputs: v1.IExecOutput[]; error?: ServiceError }> {
    return new Promise((resolve) => {
      const outputs: v1.IExecOutput[] = [];
      const call = client.exec();
      call.on('data', (o: v1.IExecOutput) => outputs.push(o));
      call.on('error', (error: ServiceError) => resolve({ outputs, error }));
      call.on('end', () => resolve({ outputs }));
      for (const input of inputs) call.write(input);
    });
  }

  it('relays stdin up and stdout, stderr and the exit down, naming the framework to the agent', async () => {
    const { outputs, error } = await session([{ start: { task_id: { value: 'web' }, command: ['cat'] } }, { stdin: Buffer.from('hi\n') }, { stdin_closed: true }]);
    expect(error).toBeUndefined();
    expect(seen[0].start).toMatchObject({ task_id: { value: 'web' }, framework_id: { value: 'f1' }, command: ['cat'] });
    expect(outputs[0].started?.container_id?.value).toBe('c1');
    expect(Buffer.from(outputs[1].stdout ?? []).toString()).toBe('HI\n');
    expect(outputs[2]).toMatchObject({ exited: { exit_code: 3 } });
    expect(Buffer.from(outputs[2].stderr ?? []).toString()).toBe('bye\n');
  });

  it.each<[string, v1.IExecInput, status, string]>([
    ['a first message without start', { stdin: Buffer.from('x') }, status.INVALID_ARGUMENT, 'start: the first message must name the task and the command'],
    ['no command', { start: { task_id: { value: 'web' } } }, status.INVALID_ARGUMENT, 'start.command: required (argv of the process to run)'],
    ['an unknown task', { start: { task_id: { value: 'nope' }, command: ['sh'] } }, status.NOT_FOUND, 'no task nope is known to the master'],
    ['the agent refusing', { start: { task_id: { value: 'web' }, command: ['refuse'] } }, status.FAILED_PRECONDITION, 'task web is not running (TASK_STAGING)'],
  ])('passes on %s as a status naming the problem', async (_name, first, code, details) => {
    const { error } = await session([first]);
    expect(error?.code).toBe(code);
    expect(error?.details).toBe(details);
  });

  it('names the agent when it cannot be reached', async () => {
    state.agents.get('a1')!.info.port = 1;
    try {
      const { error } = await session([{ start: { task_id: { value: 'web' }, command: ['sh'] } }]);
      expect(error?.code).toBe(status.UNAVAILABLE);
      expect(error?.details).toMatch(/^agent a1 at 127\.0\.0\.1:1 cannot be reached: /);
    } finally {
      state = routeState(agentPort);
    }
  });

  it('cancels the agent session when the operator goes away', async () => {
    const call = client.exec();
    call.on('error', () => undefined);
    const started = new Promise((resolve) => call.once('data', resolve));
    call.write({ start: { task_id: { value: 'web' }, command: ['cat'] } });
    await started;
    call.cancel();
    const deadline = Date.now() + 5000;
    while (!cancelled.value && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(cancelled.value).toBe(true);
  });

});
