import { execFile } from 'node:child_process';
import { stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createCliInstaller } from '../../../src-main/adapters/cli-installer';
import { windowsLauncher } from '../../../src-main/adapters/cli-launcher';
import { useTempDirs } from '../support-temp-dir';

const run = promisify(execFile);
const tempDir = useTempDirs();

/** A stand-in for the app's CLI bundle that prints the arguments it was given. */
const fakeBundle = async (dir: string): Promise<string> => {
  const script = join(dir, "tessera's cli.mjs");
  await writeFile(script, 'process.stdout.write(JSON.stringify(process.argv.slice(2)));\n');
  return script;
};

describe('Install command-line tool', () => {
  it.skipIf(process.platform === 'win32')(
    'Linux: writes an executable ~/.local/bin/tessera that runs the bundle with the arguments given',
    async () => {
      const home = await tempDir();
      const script = await fakeBundle(await tempDir());
      const bin = join(home, '.local', 'bin');
      const env = { PATH: `${bin}:${dirname(process.execPath)}:/usr/bin:/bin` };
      const installed = await createCliInstaller('linux', { home, env }).install({ script });
      expect(installed).toEqual({
        ok: true,
        value: { path: join(bin, 'tessera'), onPath: true, note: expect.stringMatching(/tessera --help/) },
      });
      expect((await stat(join(bin, 'tessera'))).mode & 0o777).toBe(0o755);
      const { stdout } = await run('tessera', ['status', '--json', 'a b'], { env: { ...env, HOME: home } });
      expect(JSON.parse(stdout)).toEqual(['status', '--json', 'a b']);
    },
  );

  it.skipIf(process.platform === 'win32')(
    'Linux: says how to add the folder to the PATH when it is not there, and the launcher explains a missing Node',
    async () => {
      const home = await tempDir();
      const script = await fakeBundle(await tempDir());
      const installed = await createCliInstaller('linux', { home, env: { PATH: '/usr/bin:/bin' } }).install({
        script,
      });
      expect(installed.ok && installed.value).toMatchObject({
        onPath: false,
        note: expect.stringContaining(`Add ${join(home, '.local', 'bin')} to your PATH`),
      });
      const noNode = await run('/bin/sh', [join(home, '.local', 'bin', 'tessera')], {
        env: { PATH: '/nonexistent' },
      }).catch((error: { code: number; stderr: string }) => error);
      expect(noNode).toMatchObject({ code: 1, stderr: expect.stringMatching(/needs Node\.js 20\.19/) });
    },
  );

  it('Windows: writes tessera.cmd under LOCALAPPDATA and adds its folder to the user PATH', async () => {
    const local = await tempDir();
    const calls: string[] = [];
    const installer = createCliInstaller('win32', {
      home: 'C:\\Users\\u',
      env: { LOCALAPPDATA: local, Path: 'C:\\Windows' },
      run: async (file) => calls.push(file),
    });
    const installed = await installer.install({ script: 'C:\\Tessera\\cli\\tessera.mjs' });
    expect(installed.ok && installed.value).toMatchObject({
      path: join(local, 'Tessera', 'bin', 'tessera.cmd'),
      onPath: true,
    });
    expect(calls).toEqual(['powershell.exe']);
    expect(windowsLauncher({ script: 'C:\\x\\t.mjs' })).toContain('node "C:\\x\\t.mjs" %*');
  });
});
