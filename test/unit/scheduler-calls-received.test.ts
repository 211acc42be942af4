/**
 * `meseta_master_scheduler_calls_received_total{transport}`: the Scheduler
 * API's gRPC handlers (`master/scheduler-api.ts`) count every call received,
 * a `Calls` stream batch by its calls and each unary call as one, refused
 * calls included; both transports are always in `/metrics`. The handlers run
 * on the master test bed with in-memory stand-ins for the gRPC streams.
 */
import { EventEmitter } from 'node:events';
import type { ServerDuplexStream, ServerUnaryCall, sendUnaryData } from '@grpc/grpc-js';
import { CallType, type Call, type CallAnswerBatch, type CallBatch } from '@meseta/proto/wire';
import { silentLogger } from '@meseta/runtime/log';
import { renderPrometheus } from '@meseta/runtime/prometheus-text';
import { schedulerApi } from '../../master/scheduler-api';
import { MasterMetrics, schedulerCallsReceivedSamples } from '../../master/metrics';
import { metricSamples } from '../../master/state-view';
import { masterTestBed } from './fixtures/master-test-bed';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

/** A `Calls` stream: batches go in as `data`, answers are kept. */
class FakeCallsStream extends EventEmitter {
  written: CallAnswerBatch[] = [];
  write(batch: CallAnswerBatch): boolean {
    this.written.push(batch);
    return true;
  }
  pause(): this {
    return this;
  }
  resume(): this {
    return this;
  }
  end(): void {
    this.emit('finished');
  }
}

/** A REVIVE from a framework the master does not know: refused, but received. */
const revive = (): Call => ({ type: CallType.REVIVE, framework_id: { value: 'no-such-framework' } });
const batchOf = (firstId: number, n: number): CallBatch => ({ calls: Array.from({ length: n }, (_, i) => ({ id: firstId + i, call: revive() })) });

type Handlers = {
  calls(stream: ServerDuplexStream<CallBatch, CallAnswerBatch>): void;
  call(call: ServerUnaryCall<Call, object>, callback: sendUnaryData<object>): void;
};

describe('Scheduler calls received, by transport', () => {
  it.each<[string, number[], number, number, number]>([
    ['nothing received', [], 0, 0, 0],
    ['one stream batch of 3', [3], 0, 3, 0],
    ['stream batches of 10, 1 and 0, and 2 unary calls', [10, 1, 0], 2, 11, 2],
    ['unary calls only', [], 4, 0, 4],
  ])('%s', async (_name, batches, unary, expectedStream, expectedUnary) => {
    const bed = masterTestBed();
    try {
      const api = schedulerApi(bed.master, silentLogger) as unknown as Handlers;
      const stream = new FakeCallsStream();
      api.calls(stream as unknown as ServerDuplexStream<CallBatch, CallAnswerBatch>);
      let nextId = 1;
      for (const n of batches) {
        stream.emit('data', batchOf(nextId, n));
        nextId += n;
      }
      const answered: Array<unknown> = [];
      for (let i = 0; i < unary; i++) api.call({ request: revive() } as ServerUnaryCall<Call, object>, (error) => answered.push(error));
      await tick();
      stream.emit('close');
      // Every call was answered (refused: unknown framework), on the stream and unary.
      expect(stream.written.flatMap((b) => b.answers ?? []).map((a) => a.code !== undefined && a.code !== 0)).toEqual(Array(expectedStream).fill(true));
      expect(answered).toHaveLength(unary);
      expect(bed.master.metrics.schedulerCallsReceived).toEqual({ stream: expectedStream, unary: expectedUnary });
      const received = metricSamples(bed.master).filter((s) => s.name === 'meseta_master_scheduler_calls_received_total');
      expect(received.map((s) => [s.labels?.transport, s.value])).toEqual([
        ['stream', expectedStream],
        ['unary', expectedUnary],
      ]);
    } finally {
      bed.stop();
    }
  });

  it('renders as one counter family with both transports', () => {
    const m = new MasterMetrics();
    m.countSchedulerCallsReceived('stream', 5);
    m.countSchedulerCallsReceived('unary');
    const text = renderPrometheus(schedulerCallsReceivedSamples(m));
    expect(text).toContain('# TYPE meseta_master_scheduler_calls_received_total counter');
    expect(text).toContain('meseta_master_scheduler_calls_received_total{transport="stream"} 5');
    expect(text).toContain('meseta_master_scheduler_calls_received_total{transport="unary"} 1');
  });
});
