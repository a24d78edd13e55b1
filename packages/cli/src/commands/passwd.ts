import { createInterface } from 'node:readline';
import { hashPassword, passwordProblem } from '@agent-studio/core/secrets';
import { openDb, setOwnerPassword } from '@agent-studio/database';
import { parseEnv, UsageError } from '../env';
import type { Logger } from '../log';
import { applyMigrations } from '../migrations';

/** Reads one line; on a terminal without echoing it. */
function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  if (process.stdin.isTTY) (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s) => s.includes(question) && process.stdout.write(s);
  return new Promise((resolve) =>
    rl.question(question, (answer) => {
      rl.close();
      if (process.stdin.isTTY) process.stdout.write('\n');
      resolve(answer);
    }),
  );
}

/** `agent-studio passwd`: sets the owner password from the shell and signs every session out. */
export async function runPasswd(log: Logger): Promise<void> {
  const env = parseEnv(process.env);
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
  log.info('Owner password set; every signed-in browser has been signed out.');
}
