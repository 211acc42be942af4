/**
 * The operator actions the UI asks the master for
 * (`POST api/v1/actions/<verb>`): the session cookie says who asks, the
 * master applies that principal's ACLs, and a refusal comes back as an
 * {@link ApiError} with the master's reason.
 */
import { ApiError } from './api';

/** What the master said it did. */
export interface ActionDone {
  ok: true;
  message: string;
}

/** Ask the master to act; resolves once it has (a drain: once it started). */
export async function postAction(verb: string, body: Record<string, unknown>): Promise<ActionDone> {
  let response: Response;
  try {
    response = await fetch(`api/v1/actions/${encodeURIComponent(verb)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, `the master did not answer (${(e as Error).message})`);
  }
  let answer: { ok?: boolean; message?: string; error?: string } = {};
  try {
    answer = (await response.json()) as typeof answer;
  } catch {
    // not JSON: the status line says it
  }
  if (!response.ok) throw new ApiError(response.status, answer.error ?? `${response.status} ${response.statusText}`);
  return { ok: true, message: answer.message ?? 'done' };
}
