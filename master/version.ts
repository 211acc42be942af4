/** The Meseta version, read from the project's package.json. */
import * as fs from 'node:fs';
import * as path from 'node:path';

function findVersion(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'meseta' && pkg.version) return pkg.version;
    }
    dir = path.dirname(dir);
  }
  return '0.0.0';
}

/** e.g. "0.1.0". */
export const MESETA_VERSION: string = findVersion();
