/**
 * The pure rules of draining an agent: the kill policy a drained task is
 * killed with, and what a drain request may be. No I/O.
 */
import type { KillPolicy } from '@meseta/proto/wire';

/** Nanoseconds in a second. */
const NS = 1e9;

/** The grace period an agent gives a kill that names none (Mesos's 3 s; agent/kill-policy.ts). */
export const AGENT_DEFAULT_GRACE_SECONDS = 3;

/**
 * The kill policy for a task killed by a drain: the task's own grace
 * period capped at `maxGracePeriodSeconds` (Mesos's `max_grace_period`).
 * With no cap, the task's own policy (undefined: the agent's default). A
 * task without a grace period of its own counts as having the agent's
 * default ({@link AGENT_DEFAULT_GRACE_SECONDS}), so a cap below it applies
 * and none above it lengthens the kill.
 */
export function drainKillPolicy(own: KillPolicy | null | undefined, maxGracePeriodSeconds: number | undefined): KillPolicy | undefined {
  if (maxGracePeriodSeconds === undefined) return own ?? undefined;
  const capNs = Math.round(maxGracePeriodSeconds * NS);
  const ownNs = own?.grace_period?.nanoseconds;
  const ownValue = ownNs === null || ownNs === undefined ? AGENT_DEFAULT_GRACE_SECONDS * NS : Number(ownNs);
  if (ownValue <= capNs) return own ?? undefined;
  return { grace_period: { nanoseconds: capNs } };
}

/**
 * A `max_grace_period` in seconds from its wire form (nanoseconds), or a
 * problem naming `field`. Undefined when absent.
 */
export function gracePeriodSeconds(nanoseconds: number | Long | string | null | undefined, field: string): number | undefined {
  if (nanoseconds === null || nanoseconds === undefined) return undefined;
  const n = Number(nanoseconds);
  if (!Number.isFinite(n)) throw new Error(`${field}.nanoseconds: not a number`);
  if (n < 0) throw new Error(`${field}.nanoseconds: must not be negative (got ${n})`);
  return n / NS;
}

/** The minimal shape of a protobufjs Long (64-bit ints may arrive as one). */
interface Long {
  toNumber(): number;
}
