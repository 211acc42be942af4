/**
 * A transport that follows the leading master. `master` is `host:port` or
 * `zk://host:port/path`; with ZooKeeper every new stream and call goes to
 * whoever leads now. A master that does not lead answers UNAVAILABLE naming
 * the leader ("the leading master is at IP:PORT"): the transport then
 * switches to that address, so `--master` may name any master.
 */
import { status as GrpcStatus } from '@grpc/grpc-js';
import type { Call, EventBatch } from '@meseta/proto/wire';
import { createMasterDetector, type MasterDetector } from '@meseta/runtime/master-detector';
import { GrpcSchedulerTransport, type GrpcSchedulerTransportOptions } from './grpc-transport';
import { SchedulerTransportError, type SchedulerEventStream, type SchedulerTransportLike } from './transport';

const LEADER_HINT = /leading master is at (\S+)/;

/** The leader's address named in a "not the leader" error, if any. */
export function leaderHint(error: unknown): string | undefined {
  if (!(error instanceof SchedulerTransportError) || error.code !== GrpcStatus.UNAVAILABLE) return undefined;
  return LEADER_HINT.exec(error.details)?.[1];
}

/** Follows the leader; one gRPC channel at a time. */
export class LeaderFollowingTransport implements SchedulerTransportLike {
  private readonly detector: MasterDetector;
  private inner?: { address: string; transport: GrpcSchedulerTransport };
  private redirect?: string;

  constructor(
    master: string,
    private readonly options: GrpcSchedulerTransportOptions = {},
  ) {
    this.detector = createMasterDetector(master);
    this.detector.onChange(() => {
      this.redirect = undefined;
    });
  }

  private async transport(): Promise<GrpcSchedulerTransport> {
    const address = this.redirect ?? (await this.detector.leader());
    if (this.inner?.address !== address) {
      this.inner?.transport.close();
      this.inner = { address, transport: new GrpcSchedulerTransport(address, this.options) };
    }
    return this.inner.transport;
  }

  private follow(error: unknown): void {
    const hint = leaderHint(error);
    if (hint) this.redirect = hint;
  }

  subscribe(call: Call): SchedulerEventStream {
    let current: SchedulerEventStream | undefined;
    let cancelled = false;
    const self = this;
    async function* batches(): AsyncGenerator<EventBatch> {
      const transport = await self.transport();
      if (cancelled) return;
      current = transport.subscribe(call);
      try {
        for await (const batch of current) yield batch;
      } catch (error) {
        self.follow(error);
        throw error;
      }
    }
    const iterable = batches();
    return {
      [Symbol.asyncIterator]: () => iterable,
      cancel: () => {
        cancelled = true;
        current?.cancel();
      },
    };
  }

  async call(call: Call): Promise<void> {
    const transport = await this.transport();
    try {
      await transport.call(call);
    } catch (error) {
      this.follow(error);
      throw error;
    }
  }

  close(): void {
    this.inner?.transport.close();
    this.detector.close();
  }
}
