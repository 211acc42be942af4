/**
 * The workspace packages are reached by name only: a relative import into
 * another package's folder compiles (the file is there) but breaks the
 * built daemons and the packed tarballs, where that path does not exist.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGES: Array<{ folder: string; name: string }> = [
  { folder: 'proto', name: '@meseta/proto' },
  { folder: 'runtime', name: '@meseta/runtime' },
  { folder: 'frameworks/sdk', name: '@meseta/sdk' },
];
const SKIP = new Set(['node_modules', 'dist', '.git', 'gen', 'test-artifacts', 'webui']);
const IMPORT = /(?:from\s+|require\(|import\()\s*['"]((?:\.\.?\/)+[^'"]*)['"]/g;

function sources(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sources(full, out);
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** The file's text without comments (a doc example may show an import it does not make). */
function code(file: string): string {
  return fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

function packageOf(file: string): string | undefined {
  const rel = path.relative(ROOT, file);
  return PACKAGES.find((p) => rel === p.folder || rel.startsWith(`${p.folder}${path.sep}`))?.folder;
}

describe('package boundaries', () => {
  it('no file reaches into another package by a relative path', () => {
    const crossings: string[] = [];
    for (const file of sources(ROOT)) {
      const own = packageOf(file);
      const text = code(file);
      for (const match of text.matchAll(IMPORT)) {
        const target = path.resolve(path.dirname(file), match[1]);
        const into = packageOf(target);
        if (into !== undefined && into !== own) {
          const name = PACKAGES.find((p) => p.folder === into)!.name;
          crossings.push(`${path.relative(ROOT, file)}: '${match[1]}' reaches into ${into}/; import ${name}/... instead`);
        }
      }
    }
    expect(crossings).toEqual([]);
  });

  it('a package reaches no daemon code, and the contract reaches nothing of ours', () => {
    const allowed: Record<string, string[]> = { proto: [], runtime: [], 'frameworks/sdk': ['@meseta/proto', '@meseta/runtime'] };
    const problems: string[] = [];
    for (const { folder } of PACKAGES) {
      for (const file of sources(path.join(ROOT, folder))) {
        const text = code(file);
        for (const match of text.matchAll(/(?:from\s+|require\(|import\()\s*['"](@meseta\/[a-z-]+|meseta)(?:\/[^'"]*)?['"]/g)) {
          if (!allowed[folder].includes(match[1])) problems.push(`${path.relative(ROOT, file)} imports ${match[1]}`);
        }
        for (const match of text.matchAll(IMPORT)) {
          const target = path.relative(ROOT, path.resolve(path.dirname(file), match[1]));
          if (!target.startsWith(folder)) problems.push(`${path.relative(ROOT, file)} reaches out of ${folder}/ to ${target}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
