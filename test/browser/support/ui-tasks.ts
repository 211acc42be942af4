/**
 * The tasks the browser tests run, so every page has something real to
 * show: a fast printer (1,000 lines a second), a task whose name is HTML,
 * one too big for any agent (declined with a reason), one that fails, one
 * that finishes, and one whose sandbox holds links leading out of it.
 */
import type { TaskSpec } from '@meseta/sdk';

/** Lines per second the printer writes. */
export const PRINTER_LINES_PER_SECOND = 1000;

const node = process.execPath;

/** A command printing `line N of the fast printer` 1,000 times a second, forever. */
export const PRINTER_COMMAND =
  `${node} -e "let i=0;setInterval(()=>{let s='';for(let k=0;k<100;k++)s+='line '+(i++)+' of the fast printer\\n';process.stdout.write(s)},100)"`;

/** The name that must show as text. */
export const HTML_TASK_NAME = '<script>alert(1)</script>';

/** Task ids, for the tests to find them. */
export const TASK_IDS = {
  printer: 'printer',
  html: 'html-name',
  tooBig: 'too-big',
  failing: 'failing',
  finishing: 'finishing',
  links: 'links',
} as const;

/** The test framework's tasks. */
export function uiTestTasks(): TaskSpec[] {
  return [
    { taskId: TASK_IDS.printer, name: 'fast-printer', command: PRINTER_COMMAND, cpus: 0.2, mem: 64 },
    { taskId: TASK_IDS.html, name: HTML_TASK_NAME, command: 'sleep 600', cpus: 0.1, mem: 16 },
    { taskId: TASK_IDS.failing, name: 'failing', command: 'echo "about to fail" >&2; exit 3', cpus: 0.1, mem: 16 },
    { taskId: TASK_IDS.finishing, name: 'finishing', command: 'echo hello from a finished task', cpus: 0.1, mem: 16 },
    {
      taskId: TASK_IDS.links,
      name: 'links-out',
      command: 'ln -s /etc escape-dir && ln -s /etc/hostname escape-file && echo inside > inside.txt && mkdir -p sub && echo nested > sub/nested.txt && sleep 600',
      cpus: 0.1,
      mem: 16,
    },
    // No harness agent has 4 cpus: declined with "cpus: asked 4, largest offer ...".
    { taskId: TASK_IDS.tooBig, name: 'too-big', command: 'sleep 1', cpus: 4, mem: 16 },
  ];
}

/** A long-running service in role `web`: a few replicas. */
export function webServiceTasks(): TaskSpec[] {
  return Array.from({ length: 4 }, (_, i) => ({ taskId: `web-${i}`, name: `web-frontend-${i}`, command: 'sleep 600', cpus: 0.3, mem: 128 }));
}

/** Batch jobs in role `batch`: most finish, one fails. */
export function batchTasks(): TaskSpec[] {
  return [
    ...Array.from({ length: 4 }, (_, i) => ({ taskId: `etl-${i}`, name: `etl-step-${i}`, command: `echo step ${i} done`, cpus: 0.2, mem: 64 })),
    { taskId: 'etl-bad', name: 'etl-validate', command: 'echo "bad record on line 12" >&2; exit 1', cpus: 0.2, mem: 64 },
  ];
}
