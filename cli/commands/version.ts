/**
 * `meseta version [--master ADDR] [--json]`: the version of this program
 * (CLI and daemons) and of the API it speaks; with `--master`, also the
 * version the master reports on its HTTP `/version`.
 */
import type { Command } from 'commander';
import { CliError } from '../cli-error';
import { API_VERSION, masterVersionFrom, packageVersion, versionText, type VersionReport } from '../version-info';

interface VersionFlags {
  master?: string;
  json?: boolean;
}

/** Register `version` on `program`. */
export function registerVersionCommand(program: Command): void {
  program
    .command('version')
    .summary('Print the versions of meseta (CLI and daemons) and its API; with --master, the master\'s too')
    .description(
      'Print the version of this program (the CLI and the master and agent daemons it starts) and of the API it speaks.\n' +
        'With --master, also ask that master (its HTTP /version) which version it runs.',
    )
    .option('--master <host:port>', 'also ask the master at HOST:PORT (or zk://...) for its version')
    .option('--json', 'print JSON: { "meseta", "api", "master": { "address", "version" } }')
    .action(async (flags: VersionFlags) => {
      const report: VersionReport = { meseta: packageVersion(), api: API_VERSION };
      if (flags.master !== undefined) {
        // The HTTP client only when a master is asked: plain `meseta version` reads one file.
        /* eslint-disable @typescript-eslint/no-require-imports */
        const { masterFlag } = require('../master-flag') as typeof import('../master-flag');
        const { getMasterJson } = require('../master-http') as typeof import('../master-http');
        /* eslint-enable @typescript-eslint/no-require-imports */
        const address = masterFlag('--master', flags.master);
        const body = await getMasterJson(address, '/version');
        try {
          report.master = { address, version: masterVersionFrom(body) };
        } catch (e) {
          throw new CliError(`master at ${address}: ${(e as Error).message}`);
        }
      }
      process.stdout.write(flags.json ? JSON.stringify(report, null, 2) + '\n' : versionText(report));
    });
}
