/**
 * Leader election for singleton apps through a lease the framework grants:
 * an instance asks (and renews) over HTTP; the lease goes to one instance
 * at a time and passes to another only when the holder's lease has run out
 * or its task surely ended. A holder that cannot renew stops acting as leader
 * when its lease runs out, so two leaders never overlap. Pure (time is
 * passed in).
 */

/** The lease of one app. */
export interface Lease {
  holder: string;
  /** ms since the epoch. */
  expiresAt: number;
}

/** What an instance learns when it asks. */
export interface LeaseAnswer {
  leader: boolean;
  holder?: string;
  /** Seconds until the current lease runs out. */
  expiresInSeconds: number;
}

/** Leases by app id. */
export class LeaseBook {
  private readonly leases = new Map<string, Lease>();
  /** No lease is granted before this time: after a framework restart, old leases may still be believed. */
  private notBefore = 0;

  /** Refuse every grant until `at` (ms), e.g. one lease period after a restart. */
  holdUntil(at: number): void {
    this.notBefore = Math.max(this.notBefore, at);
  }

  /** The lease of an app, if any holder has one (expired or not). */
  current(appId: string): Lease | undefined {
    return this.leases.get(appId);
  }

  /** The holder whose lease is still valid at `now`. */
  leader(appId: string, now: number): string | undefined {
    const lease = this.leases.get(appId);
    return lease && lease.expiresAt > now ? lease.holder : undefined;
  }

  /**
   * `taskId` asks for (or renews) the lease of `appId`. The caller checks
   * first that the asking task runs; a holder whose task surely ended is
   * {@link release}d, one merely out of touch keeps the lease until it expires.
   */
  acquire(appId: string, taskId: string, leaseSeconds: number, now: number): LeaseAnswer {
    const lease = this.leases.get(appId);
    const free = !lease || lease.expiresAt <= now;
    if ((lease?.holder === taskId && lease.expiresAt > now) || (free && now >= this.notBefore)) {
      const renewed = { holder: taskId, expiresAt: now + leaseSeconds * 1000 };
      this.leases.set(appId, renewed);
      return { leader: true, holder: taskId, expiresInSeconds: leaseSeconds };
    }
    const holder = lease && !free ? lease.holder : undefined;
    return { leader: false, holder, expiresInSeconds: lease && !free ? (lease.expiresAt - now) / 1000 : 0 };
  }

  /** The holder ended: its lease is void. */
  release(appId: string, taskId: string): void {
    if (this.leases.get(appId)?.holder === taskId) this.leases.delete(appId);
  }

  /** Forget an app. */
  remove(appId: string): void {
    this.leases.delete(appId);
  }
}
