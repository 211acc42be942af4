/** The committed generated code (proto/gen) is what `npm run gen:proto` makes of the .proto files. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

describe('proto/gen', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'meseta-proto-gen-'));
    execFileSync('sh', ['scripts/gen-proto.sh', out], { cwd: root, stdio: 'pipe' });
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it.each(['meseta.js', 'meseta.d.ts', 'meseta-descriptor.js', 'meseta-descriptor.d.ts'])('%s matches the .proto files (run `npm run gen:proto`)', (file) => {
    expect(readFileSync(join(root, 'proto', 'gen', file), 'utf8') === readFileSync(join(out, file), 'utf8')).toBe(true);
  });
});
