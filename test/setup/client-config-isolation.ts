/**
 * Tests run with no client config of the person running them: the SDK and
 * the CLI read `$MESETA_CONFIG`, `~/.meseta/config.json` and the `MESETA_*`
 * credential variables by default, so an `export MESETA_CONFIG=…` left from
 * `meseta local` (or a real ~/.meseta) would turn every plaintext test
 * cluster's clients to TLS. Each test file starts with those variables
 * removed and `MESETA_CONFIG` naming an empty config (child processes
 * inherit it); tests that want a config pass their own.
 */
import * as path from 'node:path';

/** A config file with nothing in it: plaintext, default master. */
export const EMPTY_CLIENT_CONFIG = path.join(__dirname, 'empty-client-config.json');

for (const name of ['MESETA_MASTER', 'MESETA_TOKEN', 'MESETA_CA_CERT', 'MESETA_CLIENT_CERT', 'MESETA_CLIENT_KEY']) delete process.env[name];
process.env.MESETA_CONFIG = EMPTY_CLIENT_CONFIG;
