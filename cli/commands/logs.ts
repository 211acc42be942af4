/**
 * `meseta logs [-f] [--stderr] [--framework <id>] <task-id>`: a task's
 * stdout (or stderr) read through the master's files proxy
 * (`/api/v1/agents/<id>/files/read`), the task's agent and sandbox found
 * in `/state`. `-f` follows the file as it grows (like `kubectl logs -f`)
 * until the task ends, then prints how it ended on stderr. Works for a
 * finished task whose sandbox is still on its agent. `-f` follows the
 * output across the agent's log rotation (`--container-logger-max-size`):
 * each poll lists the run's folder (with inodes) and reads what
 * `log-follow.ts` plans, printing it only when a second listing shows no
 * rotation happened meanwhile.
 */
import type { Command } from 'commander';
import { MASTER_OPTION_HELP, masterFlag } from '../master-flag';
import { getMasterJson } from '../master-http';
import { CliError } from '../cli-error';
import { fetchState } from './state';
import { endLine, findLogSource, logPath, readProblem, takeRead } from '../logs-views';
import { type FollowedFile, followPlan, type ListedFile, readsStillValid } from '../log-follow';

/** Bytes asked per read (the agent answers at most 1 MiB). */
const READ_BYTES = 1024 * 1024;
/** How often `-f` looks for more output. */
const FOLLOW_POLL_MS = 500;
/** Polls of the file between two looks at the task's state in `/state`. */
const STATE_EVERY = 4;

interface LogsFlags {
  master?: string;
  follow?: boolean;
  stderr?: boolean;
  framework?: string;
}

/** Write `text` to stdout, waiting when the pipe is full. */
function print(text: string): Promise<void> {
  if (!text) return Promise.resolve();
  return new Promise((resolve) => {
    if (process.stdout.write(text)) resolve();
    else process.stdout.once('drain', resolve);
  });
}

/** Register `logs` on `program`. */
export function registerLogsCommand(program: Command): void {
  program
    .command('logs')
    .summary('Print a task\'s stdout (or stderr); -f follows it until the task ends')
    .description('Print a task\'s stdout (or --stderr) from its sandbox, read through the master. -f follows the output until the task ends, then says how it ended (on stderr). Works for finished tasks whose sandbox is still on their agent.')
    .argument('<task-id>', 'the task')
    .option('--master <host:port>', MASTER_OPTION_HELP)
    .option('-f, --follow', 'keep printing new output until the task ends')
    .option('--stderr', 'print stderr instead of stdout')
    .option('--framework <id>', 'the framework of the task, when its id is not unique')
    .action(async (taskId: string, flags: LogsFlags) => {
      const master = masterFlag('--master', flags.master);
      const stream = flags.stderr ? 'stderr' : 'stdout';
      let source = findLogSource(taskId, await fetchState(master), flags.framework);
      if ('problem' in source) throw new CliError(source.problem);
      const { frameworkId, agentId, agentName } = source;
      const file = logPath(frameworkId, taskId, stream);

      /** Print the file from `offset` to its end as it is now (without -f). */
      const readFrom = async (offset: number, final: boolean): Promise<number> => {
        for (;;) {
          let answer: { data?: string };
          try {
            answer = (await getMasterJson(master, `/api/v1/agents/${encodeURIComponent(agentId)}/files/read?path=${encodeURIComponent(file)}&offset=${offset}&length=${READ_BYTES}`)) as { data?: string };
          } catch (e) {
            const problem = readProblem((e as Error).message, taskId, agentName, stream);
            throw new CliError(problem ?? (e as Error).message);
          }
          const data = String(answer.data ?? '');
          const taken = takeRead(data, offset, final);
          await print(taken.text);
          if (taken.next === offset) return offset;
          offset = taken.next;
        }
      };

      if (!flags.follow) {
        await readFrom(0, source.ended);
        return;
      }

      const agentPath = (what: string, query: string): string => `/api/v1/agents/${encodeURIComponent(agentId)}/files/${what}?path=${query}`;
      const runDir = file.slice(0, file.lastIndexOf('/'));
      /** The run's folder with inodes; undefined while it is not there yet. */
      const list = async (): Promise<ListedFile[] | undefined> => {
        try {
          const entries = (await getMasterJson(master, agentPath('browse', encodeURIComponent(runDir)))) as Array<{ name?: string; path?: string; ino?: number; size?: number }>;
          return entries.map((e) => ({ name: String(e.name ?? e.path?.split('/').pop() ?? ''), ino: Number(e.ino ?? 0), size: Number(e.size ?? 0) }));
        } catch (e) {
          const problem = readProblem((e as Error).message, taskId, agentName, stream);
          if (problem?.includes('never created')) return undefined;
          throw new CliError(problem ?? (e as Error).message);
        }
      };
      /** The text of `name` from `from` to `to` (UTF-8 tails left for later unless `final`). */
      const readRange = async (name: string, from: number, to: number, final: boolean): Promise<{ text: string; next: number }> => {
        let text = '';
        let offset = from;
        while (offset < to) {
          const length = Math.min(READ_BYTES, to - offset);
          const answer = (await getMasterJson(master, agentPath('read', `${encodeURIComponent(`${runDir}/${name}`)}&offset=${offset}&length=${length}`))) as { data?: string };
          const taken = takeRead(String(answer.data ?? ''), offset, final && offset + length >= to);
          if (taken.next === offset) break;
          text += taken.text;
          offset = taken.next;
        }
        return { text, next: offset };
      };
      let followed: FollowedFile | undefined;
      /** One poll: what was written (and rotated) since the last, printed once. */
      const poll = async (final: boolean): Promise<void> => {
        for (;;) {
          const before = await list();
          if (!before) return;
          const plan = followPlan(stream, before, followed);
          const texts: string[] = [];
          let next: FollowedFile | undefined = followed;
          try {
            for (const read of plan.reads) {
              const to = read.to ?? before.find((f) => f.name === read.name)?.size ?? 0;
              const got = await readRange(read.name, read.from, to, final || read.to !== undefined);
              texts.push(got.text);
              if (read.to === undefined) next = { ino: read.ino, offset: got.next };
            }
          } catch (e) {
            if (/answered HTTP 404/.test((e as Error).message)) continue; // rotated away while read: plan again
            throw e;
          }
          const after = await list();
          if (!after || !readsStillValid(plan.reads, after)) continue; // a rotation meanwhile: plan again
          if (plan.lost) process.stderr.write(`meseta logs: ${plan.lost}\n`);
          await print(texts.join(''));
          followed = next;
          return;
        }
      };
      for (let tick = 0; ; tick++) {
        await poll(false);
        if (tick % STATE_EVERY === STATE_EVERY - 1 || source.ended) {
          const again = findLogSource(taskId, await fetchState(master), frameworkId);
          if ('problem' in again) throw new CliError(again.problem);
          source = again;
          if (source.ended) {
            // What it wrote before it ended, then how it ended.
            await poll(true);
            process.stderr.write(endLine(taskId, source.task) + '\n');
            return;
          }
        }
        await new Promise((r) => setTimeout(r, FOLLOW_POLL_MS));
      }
    });
}
