import { randomBytes } from 'node:crypto';
import { ensureGateway, openDb } from '@agent-studio/database';
import { BridgeRoleError, checkBridgeRoleName, grantBridgeRole, mayMigrate } from '@agent-studio/database/bridge-role';
import { migrate } from '@agent-studio/database/migrate';
import { parseEnv, UsageError } from '../env';
import type { Logger } from '../log';

const escapeChar = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`;
/** A word for the shell line printed: as it is when plain, else single-quoted. */
const shellWord = (s: string) => (/^[\w.@-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`);

/**
 * `agent-studio bridge-role <name> [--gateway <gateway>] [--password <p>]`: run by the owner with the studio's
 * DATABASE_URL, creates (or brings up to date) the Postgres role a bridge on another host connects as: only the
 * rights one gateway's bridge needs, none on the owner, sessions, tokens, webhooks or alert channels; with
 * --gateway (created if new), only that gateway's rows. It migrates first, so the grants cover this version's
 * tables: run it again after upgrading. Prints the bridge's DATABASE_URL.
 */
export async function runBridgeRole(
  { role, password, gateway }: { role?: string; password?: string; gateway?: string },
  log: Logger,
) {
  const env = parseEnv(process.env);
  if (!env.DATABASE_URL)
    throw new UsageError(
      "bridge-role needs DATABASE_URL (the studio's shared Postgres, as its owner): the embedded database has no roles.",
    );
  if (!role) throw new UsageError("bridge-role needs the role's name, e.g. `agent-studio bridge-role bridge_vps`.");
  if (password === '') throw new UsageError('--password needs a password (or leave it out to have one made).');
  try {
    checkBridgeRoleName(role);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const db = await openDb({ databaseUrl: env.DATABASE_URL, dataDir: env.STUDIO_DATA_DIR });
  try {
    if (!(await mayMigrate(db)))
      throw new UsageError(
        "bridge-role is run with the owner's DATABASE_URL (the role that owns the studio's tables).",
      );
    const applied = await migrate(db);
    if (applied.length) log.info(`applied ${applied.length} migration(s): ${applied.join(', ')}`);
    const limitedTo = gateway ? await ensureGateway(db, gateway) : null;
    const made = await grantBridgeRole(db, {
      role,
      password,
      passwordIfNew: randomBytes(18).toString('base64url'),
      gatewayId: limitedTo?.id,
    });
    const url = new URL(env.DATABASE_URL);
    // Supabase's pooler names users `<role>.<project ref>`: the bridge's keeps the owner's project
    const project = /\.[^.]+$/.exec(decodeURIComponent(url.username))?.[0] ?? '';
    url.username = `${role}${project}`;
    // every character the URL or the shell's quotes could take for their own, escaped
    url.password =
      made.password === null ? 'PASSWORD' : encodeURIComponent(made.password).replace(/[!'()*]/g, escapeChar);
    log.info(
      `role "${role}" ${made.created ? 'created' : 'updated'}: it may do what a bridge does for ` +
        `${limitedTo ? `the gateway "${limitedTo.name}", on its rows only,` : 'its gateway,'} and cannot read the ` +
        'owner, sessions, API tokens, webhooks or alert channels (the studio-wide workers stay with the studio).',
    );
    console.log(
      `\nOn the bridge's host:\n\n  DATABASE_URL='${url}' npx agent-studio bridge --gateway ${limitedTo ? shellWord(limitedTo.name) : '<name>'}\n`,
    );
    console.log(
      made.password === null
        ? 'Its password is unchanged (PASSWORD above); --password sets a new one.'
        : 'Keep that URL: its password is not shown again.',
    );
    console.log('After upgrading agent-studio, run this command again (a new version may need new rights).');
  } catch (err) {
    if (err instanceof BridgeRoleError) throw new UsageError(err.message);
    throw err;
  } finally {
    await db.close();
  }
}
