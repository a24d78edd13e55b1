// A Postgres cluster of the test's own (initdb + pg_ctl in a temp folder, on a free port), so a test can
// stop and restart it without touching the machine's shared server. As root, the server runs as `postgres`.
import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../lab/gateway';

const BIN = process.env.STUDIO_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PrivatePostgres {
  url: string;
  /** Stops the server at once (as a crash would: no checkpoint), or cleanly. */
  stop(mode?: 'immediate' | 'fast'): void;
  start(): void;
  remove(): void;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const root = mkdtempSync(join(tmpdir(), 'studio-private-pg-'));
  const data = join(root, 'data');
  const port = await freePort();
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const { uid, gid } = {
      uid: Number(execFileSync('id', ['-u', 'postgres']).toString()),
      gid: Number(execFileSync('id', ['-g', 'postgres']).toString()),
    };
    chownSync(root, uid, gid);
  }
  // initdb refuses to run as root
  const run = (cmd: string, args: string[]) =>
    execFileSync(
      asRoot ? 'runuser' : join(BIN, cmd),
      asRoot ? ['-u', 'postgres', '--', join(BIN, cmd), ...args] : args,
      { stdio: 'pipe', timeout: 60_000 },
    );
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=16MB -c max_connections=40`;
  const pg: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: (mode = 'immediate') => void run('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']),
    start: () => void run('pg_ctl', ['-D', data, '-o', options, '-l', join(root, 'server.log'), '-w', 'start']),
    remove() {
      try {
        pg.stop('immediate');
      } catch {
        // not running
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
  pg.start();
  return pg;
}
