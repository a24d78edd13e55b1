// OpenClaw's profiles on this machine (issue 18): `openclaw --profile work …` keeps its whole state, config
// included, in ~/.openclaw-work (`--dev` in ~/.openclaw-dev), beside the default ~/.openclaw. The embedded studio
// serves each as a gateway of its own, named after the profile.
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface OpenclawProfile {
  /** The profile's name, which its gateway takes in the studio. */
  name: string;
  /** Its config (`~/.openclaw-<name>/openclaw.json`). */
  configPath: string;
}

const PROFILE_DIR = /^\.openclaw-([a-z0-9][a-z0-9_-]{0,62})$/i;

/**
 * The named profiles in `home`, in name order: a `.openclaw-<name>` folder counts only when it holds an
 * `openclaw.json` (a backup or a leftover folder does not). `except`: the config the studio already serves as its
 * default gateway (OPENCLAW_CONFIG_PATH may point into a profile). `only`: the names to serve, when given.
 */
export function findOpenclawProfiles(
  opts: { home?: string; except?: string; only?: readonly string[] } = {},
): OpenclawProfile[] {
  const home = opts.home ?? homedir();
  const except = opts.except && resolve(opts.except);
  let entries: string[];
  try {
    entries = readdirSync(home);
  } catch {
    return [];
  }
  return (
    entries
      .map((entry) => ({ name: PROFILE_DIR.exec(entry)?.[1], configPath: join(home, entry, 'openclaw.json') }))
      // 'default' is the default gateway's name in the studio (OpenClaw keeps its default profile in ~/.openclaw)
      .filter((p): p is OpenclawProfile => p.name != null && p.name !== 'default' && existsSync(p.configPath))
      .filter((p) => resolve(p.configPath) !== except && (!opts.only || opts.only.includes(p.name)))
      .sort((a, b) => a.name.localeCompare(b.name))
  );
}
