/**
 * Mesos-shape `/master/state` (master/mesos-state-json.ts written by
 * master/json-slices.ts) beside our own `/state` (master/state-stream.ts)
 * over the same synthetic records, in one run: wall time, bytes, and the
 * longest event-loop turn while writing (what agents' links wait at most),
 * plus `/metrics/snapshot`'s walk, and the Mesos operator API's GET_STATE
 * in protobuf in one block (before cb33c00) beside in slices (now). Pure
 * computation, no network.
 *
 *   npm run build && node dist/bench/mesos-state.bench.js [--agents 10000] [--tasks 100000] [--frameworks 10]
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ranges, scalar } from '@meseta/proto/resources';
import type { Resource } from '@meseta/proto/wire';
import { mesosState, type MesosStateSource } from '../master/mesos-state-json';
import { writeStreamedJson } from '../master/json-slices';
import { masterMetricsSnapshotSliced } from '../master/mesos-metrics';
import { writeStateJson, type TextSink } from '../master/state-stream';
import type { AgentRecord, FrameworkRecord, TaskRecord } from '../master/state';
import type { Master } from '../master/master';
import { pb } from '@meseta/proto/wire';
import { encodeMesosMessage } from '@meseta/proto/mesos-http';
import { answerMasterCall } from '../master/mesos-operator-http';
import { operatorReadProtobuf, writePieces } from '../master/mesos-operator-protobuf';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Agents with `tasks` spread over `frameworks`, each task holding cpus, mem and one port. */
function records(agentCount: number, taskCount: number, frameworkCount: number): MesosStateSource & Record<string, unknown> {
  const agents = new Map<string, AgentRecord>();
  const frameworks = new Map<string, FrameworkRecord>();
  const total: Resource[] = [scalar('cpus', 8), scalar('mem', 16384), ranges('ports', [[31000, 32000]])];
  for (let i = 0; i < agentCount; i++) {
    agents.set(`a${i}`, {
      id: `a${i}`, info: { hostname: `h${i}`, ip: '127.0.0.1', port: 5051 }, total, status: 'ACTIVE', linkId: i, registeredTime: 1, lastSeen: 1,
      version: '0.1.0', offers: new Set(), tasks: new Map(),
    });
  }
  for (let f = 0; f < frameworkCount; f++) {
    frameworks.set(`f${f}`, {
      id: `f${f}`, info: { name: `fw${f}`, user: 'root', id: { value: `f${f}` } }, roles: ['*'], connected: true, active: true, recovered: false,
      registeredTime: 1, offers: new Set(), tasks: new Map(), completedTasks: [], recentDeclines: [], suppressedRoles: new Set(),
    } as unknown as FrameworkRecord);
  }
  for (let t = 0; t < taskCount; t++) {
    const fw = frameworks.get(`f${t % frameworkCount}`)!;
    const agent = agents.get(`a${t % agentCount}`)!;
    const port = 31000 + (Math.floor(t / agentCount) % 1000);
    const resources = [scalar('cpus', 0.1), scalar('mem', 32), ranges('ports', [[port, port]])];
    const record: TaskRecord = {
      task: { name: `t${t}`, task_id: { value: `t${t}` }, framework_id: { value: fw.id }, agent_id: { value: agent.id }, state: 1, resources },
      frameworkId: fw.id, agentId: agent.id, taskId: `t${t}`, resources, role: '*', statuses: [{ state: 1, timestamp: 1000 + t }], kill: { phase: 'none' },
    };
    fw.tasks.set(record.taskId, record);
    agent.tasks.set(`${fw.id}/${record.taskId}`, record);
  }
  return {
    info: { id: 'm', hostname: '127.0.0.1', port: 5050, version: '0.1.0', address: { ip: '127.0.0.1', port: 5050, hostname: '127.0.0.1' } },
    startTime: 1, electedTime: 1, agents, frameworks, completedFrameworks: [], offers: new Map(),
    // What our /state writer reads beyond the records.
    allocatorView: { frameworkShare: () => 0, roleShare: () => 0 },
    // …and the role tree (weights and quotas, none set here).
    weights: { all: new Map() }, quotas: { all: new Map() },
  };
}

/** A sink counting bytes. */
function counter(): TextSink & { bytes: number } {
  const sink = {
    bytes: 0,
    write(chunk: string): boolean {
      sink.bytes += Buffer.byteLength(chunk);
      return true;
    },
    once: () => sink,
  };
  return sink;
}

async function measure(label: string, run: (sink: TextSink & { bytes: number }) => Promise<void>): Promise<Record<string, string | number>> {
  const sink = counter();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  // The histogram records from its first tick on: let it tick before the run, or a first long block goes unseen.
  await new Promise<void>((resolve) => setTimeout(resolve, 30));
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await run(sink);
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const cpuMs = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1000;
  // Let the histogram's timer fire once after the last block, or a block at the very end goes unseen.
  await new Promise<void>((resolve) => setTimeout(resolve, 20));
  loop.disable();
  return { what: label, wall_ms: Math.round(wallMs), cpu_ms: Math.round(cpuMs), mb: +(sink.bytes / 1e6).toFixed(1), longest_turn_ms: +(loop.max / 1e6).toFixed(1) };
}

async function main(): Promise<void> {
  const agentCount = flag('agents', 10_000);
  const taskCount = flag('tasks', 100_000);
  const frameworkCount = flag('frameworks', 10);
  const source = records(agentCount, taskCount, frameworkCount);
  const rows = [
    await measure('/state (ours)', (sink) => writeStateJson(source as unknown as Master, sink)),
    await measure('/master/state (Mesos shape)', (sink) => writeStreamedJson(sink, mesosState(source, { flags: {} }))),
    await measure('/metrics/snapshot (Mesos names)', async (sink) => {
      const snapshot = await masterMetricsSnapshotSliced({
        source, counters: { tasksEnded: new Map(), calls: new Map(), acknowledgements: 0, statusUpdates: 0 }, now: 2,
        system: { cpus: 1, load1: 0, load5: 0, load15: 0, memTotalBytes: 1, memFreeBytes: 1 },
      });
      sink.write(JSON.stringify(snapshot));
    }),
    // The operator API's GET_STATE in protobuf: built and encoded in one block (as before cb33c00), and in slices (now).
    await measure('GET_STATE protobuf, one block (before cb33c00)', async (sink) => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      const body = encodeMesosMessage(pb.master.Response, answerMasterCall(source as unknown as Master, { type: pb.master.Call.Type.GET_STATE }), 'protobuf');
      sink.bytes += body.length;
    }),
    await measure('GET_STATE protobuf, in slices (now)', async (sink) => {
      const bytes = { write: (chunk: Uint8Array): boolean => ((sink.bytes += chunk.length), true), once: () => bytes };
      await writePieces(bytes, await operatorReadProtobuf(source as unknown as Master, pb.master.Call.Type.GET_STATE));
    }),
  ];
  console.log(`agents ${agentCount}, tasks ${taskCount}, frameworks ${frameworkCount}`);
  console.table(rows);
}

void main();
