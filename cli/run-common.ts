/**
 * What `meseta run` shares between running one task (task-run.ts) and a
 * task group (commands/run-group.ts): the request's common part, the
 * decline and kill timings, and where an offer's agent listens.
 */
import type { Logger } from '@meseta/runtime/log';
import type { Offer } from '@meseta/proto/wire';

/** The part of a run request every kind of run has. */
export interface RunRequestBase {
  /** Master address, host:port. */
  master: string;
  /** Role to receive offers for. @default '*' */
  role?: string;
  /** Where the driver logs. */
  logger: Logger;
  /** Print the tasks' stdout and stderr from their sandboxes once they end. @default true */
  showOutput?: boolean;
  /** Where progress lines (and the tasks' stdout) go. @default stdout */
  print?: (line: string) => void;
  /** Where the tasks' stderr goes. @default stderr */
  printError?: (text: string) => void;
}

/** How long an interrupt waits for the killed tasks' final states before tearing down anyway. */
export const KILL_WAIT_MS = 15_000;
/** Offers that do not fit are declined for this long, so new capacity is seen soon. */
export const DECLINE_SECONDS = 1;

/** `ip:port` of the offer's agent, when the offer says (else its host name, or ''). */
export function agentAddressOf(offer: Offer): string {
  const address = offer.agent_address;
  const host = address?.ip || address?.hostname || offer.hostname || '';
  return host && address?.port ? `${host}:${address.port}` : host;
}
