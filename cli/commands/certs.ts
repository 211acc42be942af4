/**
 * `meseta certs`: a cluster's certificates with the `openssl` command
 * (`../certificates`), for clusters set up by hand (`meseta local` makes
 * its own).
 *
 * ```sh
 * meseta certs issue --dir /etc/meseta/tls --name master --kind daemon --san 192.0.2.11,master1
 * meseta certs issue --dir /etc/meseta/tls --name agent-21 --kind daemon --san 192.0.2.21
 * meseta certs issue --dir /etc/meseta/tls --name alice --kind client
 * ```
 * The first call makes the CA (`ca.crt`, `ca.key`) in `--dir`; later ones
 * reuse it. Keys are written with mode 0600.
 */
import type { Command } from 'commander';
import { CliError, UsageError } from '../cli-error';

interface IssueFlags {
  dir: string;
  name: string;
  kind: string;
  cn?: string;
  san?: string;
}

/** Register `meseta certs` on `program`. */
export function registerCertsCommand(program: Command): void {
  const certs = program
    .command('certs')
    .summary('Make a cluster CA and certificates for daemons and clients (with openssl)')
    .description('Make certificates with the openssl command: a cluster CA in --dir (made once), daemon certificates (server and client use) and client certificates it signs.');
  certs
    .command('issue')
    .description('Issue DIR/NAME.crt and DIR/NAME.key signed by DIR/ca.crt (made first when missing).')
    .requiredOption('--dir <dir>', 'folder of the CA and the certificates')
    .requiredOption('--name <name>', 'file name stem, e.g. master, agent-21, alice')
    .option('--kind <kind>', 'daemon (master or agent: server and client use, SANs 127.0.0.1, ::1, localhost, this host, --san) or client', 'daemon')
    .option('--cn <name>', 'common name: the principal a client certificate stands for (default: --name)')
    .option('--san <list>', "a daemon's addresses and names, comma-separated: its --ip and the hostname it advertises (the master reaches agents by it)")
    .action(async (flags: IssueFlags) => {
      if (flags.kind !== 'daemon' && flags.kind !== 'client') throw new UsageError(`--kind: "${flags.kind}" is not daemon or client`);
      const altNames = (flags.san ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
      if (altNames.length > 0 && flags.kind === 'client') throw new UsageError('--san: only daemon certificates carry subject alternative names');
      const { ensureClusterCa, issueCertificate } = await import('../certificates');
      try {
        const ca = await ensureClusterCa(flags.dir);
        const files = await issueCertificate(ca, flags.dir, { name: flags.name, commonName: flags.cn ?? flags.name, kind: flags.kind, altNames });
        process.stdout.write(`CA ${ca.cert}\ncertificate ${files.cert}\nkey ${files.key}\n`);
      } catch (e) {
        throw new CliError(`cannot issue the certificate: ${(e as Error).message}`);
      }
    });
}
