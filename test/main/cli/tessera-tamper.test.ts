import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { readHardwareFacts } from '../../../src-main/adapters/hardware-facts';
import { createHardwareProbe } from '../../../src-main/adapters/hardware-probe';
import { FAKE_CLOCK, runTessera, spawnTessera, waitFor } from '../support-cli';
import { createTestIssuer, DAY_MS, type TestIssuer } from '../support-licenses';
import { useTempDirs } from '../support-temp-dir';

const tempDir = useTempDirs();
const MINUTE = 60_000;
/** Each test runs several `tessera` processes (tsx start-up and a hardware probe each). */
const SLOW = 240_000;
let issuer: TestIssuer;
let machineId: string;
let otherMachineId: string;

beforeAll(async () => {
  issuer = await createTestIssuer();
  const facts = await readHardwareFacts();
  const mine = await createHardwareProbe(undefined, async () => facts).machineId();
  const other = await createHardwareProbe(undefined, async () => ({
    ...facts,
    components: {
      osMachineId: 'a-machine-down-the-hall',
      systemUuid: '4c4c4544-0042-3510-8052-b4c04f384d32',
    },
  })).machineId();
  if (!mine.ok || !other.ok) throw new Error('no machine id');
  machineId = mine.value;
  otherMachineId = other.value;
});

/** A data folder with no license server configured and the test issuer trusted. */
const offlineHome = async () => {
  const home = await tempDir();
  return {
    home,
    env: {
      TESSERA_HOME: home,
      TESSERA_SERVER_URL: '',
      TESSERA_TEST_TRUST_ROOTS: await issuer.writeRootsFile(home),
    },
  };
};

const writeLicense = async (home: string, name: string, content: string) => {
  const path = join(home, name);
  await writeFile(path, content);
  return path;
};

const statusAt = async (env: NodeJS.ProcessEnv, at: number, extra: NodeJS.ProcessEnv = {}) => {
  const run = await runTessera(
    ['status', '--json'],
    { ...env, ...extra, FAKE_CLOCK_AT_MS: String(at) },
    '',
    FAKE_CLOCK,
  );
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as {
    products: { productId: string; canRun: boolean; state: string; reason: { code: string } | null }[];
  };
};

describe('tessera CLI against local tampering (real keychain, real files, real processes)', () => {
  it(
    'R7 a clock set back after later times were seen does not revive an expired offline license (CLOCK_ROLLED_BACK)',
    async () => {
      const { home, env } = await offlineHome();
      const t0 = Date.now();
      const file = await writeLicense(
        home,
        `KSE_${machineId}.lic`,
        await issuer.sign({
          machineId,
          issuedAt: new Date(t0 - MINUTE).toISOString(),
          notBefore: new Date(t0 - MINUTE).toISOString(),
          expiresAt: new Date(t0 + 10 * MINUTE).toISOString(),
        }),
      );
      const imported = await runTessera(['import', file], env);
      expect(imported.code, imported.stderr).toBe(0);
      for (const later of [DAY_MS, 30 * DAY_MS, 365 * DAY_MS]) {
        const status = await statusAt(env, t0 + later);
        expect(status.products[0]).toMatchObject({ productId: 'kse', canRun: false, state: 'expired' });
      }
      const back = await statusAt(env, t0 + 9 * MINUTE);
      expect(back.products[0]).toMatchObject({ canRun: false, reason: { code: 'CLOCK_ROLLED_BACK' } });
      const human = await runTessera(
        ['status', '--product', 'kse'],
        { ...env, FAKE_CLOCK_AT_MS: String(t0 + 9 * MINUTE) },
        '',
        FAKE_CLOCK,
      );
      expect(human.code).toBe(3);
      expect(human.stdout).toMatch(
        /may NOT run[\s\S]*Set the correct date and time[\s\S]*\(CLOCK_ROLLED_BACK\)/,
      );
    },
    SLOW,
  );

  it(
    'R7 the daylight-saving changes (Europe/Berlin, March and October) never look like a clock set back',
    async () => {
      const { home, env } = await offlineHome();
      const file = await writeLicense(
        home,
        `KSE_${machineId}.lic`,
        await issuer.sign({ machineId, expiresAt: '2028-06-01T00:00:00.000Z' }),
      );
      expect((await runTessera(['import', file], env)).code).toBe(0);
      const berlin = { TZ: 'Europe/Berlin' };
      // 01:50 CET → 03:10 CEST (wall clock jumps ahead); 02:50 CEST → 02:10 CET (wall clock goes back 40 min).
      for (const at of [
        '2027-03-28T00:50:00Z',
        '2027-03-28T01:10:00Z',
        '2027-10-31T00:50:00Z',
        '2027-10-31T01:10:00Z',
      ]) {
        const status = await statusAt(env, Date.parse(at), berlin);
        expect(status.products[0], at).toMatchObject({ productId: 'kse', canRun: true, state: 'active' });
      }
    },
    SLOW,
  );

  it(
    'refuses anything but a regular file at once, with its code and exit 2 (/dev/zero, FIFO, folder, socket, missing)',
    async () => {
      const { home, env } = await offlineHome();
      const fifo = join(home, 'KSE_fifo.lic');
      execFileSync('mkfifo', [fifo]);
      const folder = join(home, 'KSE_folder.lic');
      await mkdir(folder);
      const socketPath = join(home, 'KSE_socket.lic');
      const socket = createServer();
      await new Promise<void>((resolve) => socket.listen(socketPath, resolve));
      try {
        for (const [path, code] of [
          ['/dev/zero', 'FILE_NOT_REGULAR'],
          [fifo, 'FILE_NOT_REGULAR'],
          [folder, 'FILE_NOT_REGULAR'],
          [socketPath, 'FILE_NOT_REGULAR'],
          [join(home, 'missing.lic'), 'FILE_NOT_FOUND'],
        ] as const) {
          const started = Date.now();
          const result = await runTessera(['import', path], env);
          expect(result.code, `${path}: ${result.stderr}`).toBe(2);
          expect(result.stderr).toMatch(new RegExp(`^tessera: .*\\(${code}\\)\\n$`));
          expect(Date.now() - started, path).toBeLessThan(30_000);
        }
      } finally {
        socket.close();
      }
    },
    SLOW,
  );

  it(
    'an edited machine.json claims no other machine: its offline file neither imports nor runs, and an edited state is quarantined',
    async () => {
      const { home, env } = await offlineHome();
      expect((await runTessera(['machine-id'], env)).stdout.trim()).toBe(machineId);
      const cachePath = join(home, 'machine.json');
      const cache = JSON.parse(await readFile(cachePath, 'utf8')) as { machineId: string };
      await writeFile(cachePath, JSON.stringify({ ...cache, machineId: otherMachineId }));
      const theirs = await issuer.sign({
        machineId: otherMachineId,
        productId: 'kre',
        licenseKind: 'session',
      });
      const imported = await runTessera(
        ['import', await writeLicense(home, `KRE_${otherMachineId}.lic`, theirs)],
        env,
      );
      expect(imported.code).toBe(3);
      expect(imported.stderr).toContain(`this machine is ${machineId}`);
      expect(imported.stderr).toContain('(WRONG_MACHINE)');
      const run = await runTessera(['run', '--product', 'kre', '--', 'node', '-e', 'process.exit(0)'], env);
      expect(run.code).not.toBe(0);
      expect(run.stderr).not.toContain('offline license');

      // A genuine file for this machine, then the state edited to carry the other machine's file.
      const mine = await issuer.sign({ machineId });
      expect(
        (await runTessera(['import', await writeLicense(home, `KSE_${machineId}.lic`, mine)], env)).code,
      ).toBe(0);
      const statePath = join(home, 'state.json');
      const state = JSON.parse(await readFile(statePath, 'utf8')) as {
        offlineLicenses: Record<string, unknown>;
      };
      state.offlineLicenses.kre = {
        content: theirs,
        licenseId: 'lic-0001',
        fileName: `KRE_${otherMachineId}.lic`,
        expiresAt: '2099-01-01T00:00:00.000Z',
        importedAt: Date.now(),
      };
      await writeFile(statePath, JSON.stringify(state, null, 2));
      const first = await runTessera(['status'], env);
      expect(first.code).toBe(7);
      expect(first.stderr).toMatch(
        /moved to .*state\.json\.tampered-\d+; re-activate online or import your offline license again\. \(STATE_TAMPERED\)/,
      );
      const after = await runTessera(['status', '--json'], env);
      const products = (
        JSON.parse(after.stdout) as {
          products: { productId: string; canRun: boolean; reason: { code: string } }[];
        }
      ).products;
      expect(products.map((p) => [p.productId, p.canRun, p.reason.code])).toEqual([
        ['kre', false, 'STATE_TAMPERED'],
        ['kse', false, 'STATE_TAMPERED'],
      ]);
      expect(
        (await runTessera(['run', '--product', 'kre', '--', 'node', '-e', 'process.exit(0)'], env)).code,
      ).not.toBe(0);
    },
    SLOW,
  );

  it(
    'R5 with a valid offline KRE license and no server, `run` and `session start` work, checked locally',
    async () => {
      const { home, env } = await offlineHome();
      const file = await writeLicense(
        home,
        `KRE_${machineId}.lic`,
        await issuer.sign({
          machineId,
          productId: 'kre',
          licenseKind: 'session',
          expiresAt: '2099-01-01T00:00:00.000Z',
        }),
      );
      expect((await runTessera(['import', file], env)).code).toBe(0);
      const status = await runTessera(['status'], env);
      expect(status.stdout).toContain('offline license, valid until 2099-01-01T00:00:00.000Z');
      const run = await runTessera(['run', '--product', 'kre', '--', 'node', '-e', 'process.exit(7)'], env);
      expect(run.code, run.stderr).toBe(7);
      expect(run.stderr).toContain(
        'kre runs on its offline license of Acme QA, valid until 2099-01-01 00:00 UTC',
      );
      expect(run.stderr).not.toContain('SERVER_NOT_CONFIGURED');
      const holder = spawnTessera(['session', 'start', '--product', 'kre'], env);
      await waitFor(() => holder.stdout.includes('Running on the offline license'));
      holder.process.kill('SIGINT');
      expect(await holder.exited).toBe(0);
    },
    SLOW,
  );
});
