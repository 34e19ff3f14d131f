/**
 * `npx everywhere sandbox` from a project that installed everywhere as a dependency: the package is
 * built and packed (`npm pack`) in a temporary folder, the tarball installed into a temporary project
 * with no network (`--offline`; everywhere's own dependencies, ky, zod and eventemitter3, are given as
 * file: links to this work tree's node_modules, so npm needs no registry), and the command run there:
 * its printed address serves the page and its script.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, type Options } from 'tsup';
import { afterAll, describe, expect, it } from 'vitest';
import tsupConfig from '../../tsup.config.js';
import { runSandboxCommand } from './cli-process.js';

const root = mkdtempSync(join(tmpdir(), 'everywhere-pack-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const npm = (args: string[], cwd: string) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('the packed package', () => {
  it('runs npx everywhere sandbox --port 0 in a project that installed the tarball', async () => {
    const packageDir = join(root, 'everywhere');
    mkdirSync(packageDir);
    cpSync('package.json', join(packageDir, 'package.json'));
    cpSync('README.md', join(packageDir, 'README.md'));
    await build({ ...(tsupConfig as Options), config: false, outDir: join(packageDir, 'dist'), dts: false, sourcemap: false, silent: true });
    npm(['pack', '--ignore-scripts', '--pack-destination', root], packageDir);
    const tarball = readdirSync(root).find((file) => file.endsWith('.tgz'))!;
    expect(tarball).toMatch(/^everywhere-\d+\.\d+\.\d+\.tgz$/);

    const project = join(root, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'a-bot', version: '1.0.0', private: true, type: 'module' }));
    const links = ['ky', 'zod', 'eventemitter3'].map((name) => `${name}@file:${resolve('node_modules', name)}`);
    // --ignore-scripts: a file: folder's prepare script (ky's build) must not run in this work tree's node_modules.
    npm(['install', '--offline', '--ignore-scripts', '--install-links=false', join(root, tarball), ...links], project);

    const running = await runSandboxCommand('npx', ['--offline', '--no-install', 'everywhere', 'sandbox', '--port', '0'], project);
    try {
      const page = await fetch(running.pageUrl);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<script type="module" src="/page.js">');
      const script = await fetch(new URL('/page.js', running.pageUrl));
      expect(script.headers.get('content-type')).toContain('text/javascript');
      expect(await script.text()).toContain("new EventSource('/api/events')");
      const state = await (await fetch(new URL('/api/state', running.pageUrl))).json();
      expect(state.platforms).toHaveLength(9);
      expect(running.output()).toContain("import { twitter } from 'everywhere/twitter'");
    } finally {
      // npx ends by the same SIGINT as the command it ran (no exit code): the command itself exits 0 (cli.test.ts).
      expect([0, null]).toContain(await running.stop());
    }
  }, 240_000);
});
