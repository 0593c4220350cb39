import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** A private PostgreSQL 15 cluster on loopback for one test run, removed by `stop()`. */
export interface PostgresCluster {
  readonly url: string;
  readonly port: number;
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/** Finds a free loopback port by letting the OS choose one. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const asPostgres = (args: string[]): void => {
  execFileSync('runuser', ['-u', 'postgres', '--', ...args], { stdio: 'pipe' });
};

/** Server settings beyond the defaults, e.g. `{ shared_buffers: '512MB' }` (names and values as in postgresql.conf). */
export type ClusterSettings = Readonly<Record<string, string>>;

/**
 * initdb + pg_ctl start as the postgres OS user, in a fresh temp dir, trust auth on 127.0.0.1 only;
 * `fsync` off (a throwaway cluster) and `settings` on top.
 */
export async function startPostgresCluster(settings: ClusterSettings = {}): Promise<PostgresCluster> {
  const root = mkdtempSync(join(tmpdir(), 'tessera-pg-'));
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  chownSync(root, uid, gid);
  const dataDir = join(root, 'data');
  const port = await freePort();
  asPostgres([`${BIN}/initdb`, '-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  writeFileSync(join(root, 'log'), '');
  chownSync(join(root, 'log'), uid, gid);
  const extra = Object.entries(settings).map(([name, value]) => ` -c ${name}=${value}`);
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${root} -c max_connections=300 -c fsync=off${extra.join('')}`;
  asPostgres([`${BIN}/pg_ctl`, '-D', dataDir, '-o', options, '-l', join(root, 'log'), '-w', 'start']);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    async createDatabase(name: string): Promise<string> {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`create database "${name.replace(/[^a-z0-9_]/gi, '_')}"`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name.replace(/[^a-z0-9_]/gi, '_')}`;
    },
    async stop(): Promise<void> {
      spawnSync(
        'runuser',
        ['-u', 'postgres', '--', `${BIN}/pg_ctl`, '-D', dataDir, '-m', 'fast', '-w', 'stop'],
        { stdio: 'pipe' },
      );
      rmSync(root, { recursive: true, force: true });
    },
  };
}
