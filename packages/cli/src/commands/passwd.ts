import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { hashPassword, passwordProblem } from '@agent-studio/core/secrets';
import { openDb, setOwnerPassword } from '@agent-studio/database';
import { parseEnv, UsageError } from '../env';
import type { Logger } from '../log';
import { applyMigrations } from '../migrations';
import { DEMO_DIR } from '../paths';

/** Reads one line; on a terminal without echoing it. */
function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  if (process.stdin.isTTY)
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s) =>
      s.includes(question) && process.stdout.write(s);
  return new Promise((resolve) =>
    rl.question(question, (answer) => {
      rl.close();
      if (process.stdin.isTTY) process.stdout.write('\n');
      resolve(answer);
    }),
  );
}

/**
 * `agent-studio passwd`: sets the owner password from the shell and signs every session out; `--demo` for the
 * demo's studio (its own data folder), else the studio's.
 */
export async function runPasswd(log: Logger, { demo = false }: { demo?: boolean } = {}): Promise<void> {
  const env = parseEnv(
    demo ? { ...process.env, STUDIO_DATA_DIR: process.env.STUDIO_DATA_DIR ?? DEMO_DIR } : process.env,
  );
  const where = env.DATABASE_URL ? 'the database at DATABASE_URL' : `the data folder ${resolve(env.STUDIO_DATA_DIR)}`;
  const password = await ask('New owner password: ');
  const problem = passwordProblem(password);
  if (problem) throw new UsageError(problem);
  if (process.stdin.isTTY && (await ask('Repeat it: ')) !== password) throw new UsageError('The two passwords differ.');
  await applyMigrations(env, env.STUDIO_DATA_DIR, log);
  const db = await openDb({ databaseUrl: env.DATABASE_URL, dataDir: env.STUDIO_DATA_DIR });
  try {
    await setOwnerPassword(db, await hashPassword(password));
  } finally {
    await db.close();
  }
  log.info(`Owner password set in ${where}; every signed-in browser has been signed out.`);
  if (!demo && !env.DATABASE_URL && !process.env.STUDIO_DATA_DIR && existsSync(DEMO_DIR))
    log.info('(The demo keeps its own: agent-studio passwd --demo.)');
}
