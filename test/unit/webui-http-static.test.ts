import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheControlFor, findWebUiDir, staticFilePath } from '../../master/http-static';

const root = '/srv/webui';

describe('serving the built UI', () => {
  it.each([
    ['/', '/srv/webui/index.html'],
    ['/index.html', '/srv/webui/index.html'],
    ['/assets/index-abc.js', '/srv/webui/assets/index-abc.js'],
    ['/assets/a%20b.css', '/srv/webui/assets/a b.css'],
  ])('serves %s from %s', (url, file) => {
    expect(staticFilePath(root, url)).toBe(file);
  });

  it.each([
    ['/../etc/passwd'],
    ['/assets/../../etc/passwd'],
    ['/assets/%2e%2e/%2e%2e/etc/passwd'],
    ['/assets%2f..%2f..%2fetc%2fpasswd'],
    ['/assets/..%5c..%5cetc'],
    ['/.env'],
    ['/assets//x.js'],
    ['/a%00b'],
    ['/%E0%A4%A'],
  ])('refuses %s', (url) => {
    expect(staticFilePath(root, url)).toBeUndefined();
  });

  it.each([
    ['/assets/index-abc.js', 'public, max-age=31536000, immutable'],
    ['/', 'no-cache'],
    ['/index.html', 'no-cache'],
  ])('caches %s with %p', (url, header) => {
    expect(cacheControlFor(url)).toBe(header);
  });

  it('finds the UI from the environment, beside the compiled master, or not at all', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meseta-webui-test-'));
    try {
      const ui = path.join(dir, 'custom');
      fs.mkdirSync(ui);
      fs.writeFileSync(path.join(ui, 'index.html'), '<!doctype html>');
      expect(findWebUiDir({ MESETA_WEBUI_DIR: ui }, path.join(dir, 'nowhere'))).toBe(ui);
      expect(findWebUiDir({}, path.join(dir, 'nowhere'))).toBeUndefined();
      const dist = path.join(dir, 'dist');
      fs.mkdirSync(path.join(dist, 'webui'), { recursive: true });
      fs.mkdirSync(path.join(dist, 'master'));
      fs.writeFileSync(path.join(dist, 'webui', 'index.html'), '<!doctype html>');
      expect(findWebUiDir({}, path.join(dist, 'master'))).toBe(path.join(dist, 'webui'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
