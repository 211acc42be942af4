/**
 * Leader election for masters. One interface, two implementations:
 * standalone (a single master is always the leader) and ZooKeeper.
 */
import type { MasterInfo } from '@meseta/proto/wire';

/** A master contending for leadership. */
export interface LeaderContender {
  /** Enter the election; resolves when this master leads. */
  contend(info: MasterInfo): Promise<void>;
  /** Called once if leadership is lost after it was won (session expired, node deleted). */
  onLost(listener: (why: string) => void): void;
  /** The current leader's info (this master's or another's), if known. */
  leader(): MasterInfo | undefined;
  /** Called when the leader changes, with its info (undefined: none). */
  onLeaderChange(listener: (leader: MasterInfo | undefined) => void): void;
  /** Leave the election (deletes our znode by closing the session). */
  close(): Promise<void>;
}

/** The only master: it leads at once and never loses. */
export class StandaloneContender implements LeaderContender {
  private info?: MasterInfo;
  async contend(info: MasterInfo): Promise<void> {
    this.info = info;
  }
  onLost(): void {}
  leader(): MasterInfo | undefined {
    return this.info;
  }
  onLeaderChange(): void {}
  async close(): Promise<void> {}
}
