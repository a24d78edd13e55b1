// `studio` serving this machine's other OpenClaw profiles (issue 18): each `~/.openclaw-<name>/openclaw.json` found
// is a gateway named after the profile, mirrored and driven apart from the others, on both drivers.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  enqueueCommand,
  findGateway,
  getCommand,
  getCronJobByExternalId,
  getGateway,
  type Db,
  type GatewayRow,
} from '@agent-studio/database';
import { describeEachDriver, until } from '@agent-studio/database/testing';
import { findOpenclawProfiles, GatewaySimulator } from '@agent-studio/gateway-bridge';
import { hourlyJob } from '@agent-studio/gateway-bridge/testing/sim-jobs';
import { parseEnv } from './env';
import type { Logger } from './log';
import { startProfileBridges } from './profile-bridges';

const quiet: Logger = { info() {}, warn() {}, error() {} };

describeEachDriver('studio serving OpenClaw profiles', (get) => {
  let db: Db;
  let home: string;
  const sims: Record<string, GatewaySimulator> = {};
  let profiles: Awaited<ReturnType<typeof startProfileBridges>>;

  /** A profile as `openclaw --profile <name>` keeps it: its config in ~/.openclaw-<name>, its gateway on a port. */
  const profile = async (name: string) => {
    const sim = new GatewaySimulator(`${name}-token`);
    await sim.start();
    sim.addJob({ ...hourlyJob(`${name} digest`), id: 'digest' });
    mkdirSync(join(home, `.openclaw-${name}`));
    const port = Number(new URL(sim.url).port);
    writeFileSync(
      join(home, `.openclaw-${name}`, 'openclaw.json'),
      JSON.stringify({ gateway: { port, auth: { mode: 'token', token: `${name}-token` } } }),
    );
    sims[name] = sim;
  };
  const gatewayNamed = async (name: string): Promise<GatewayRow> => (await findGateway(db, name))!;

  before(async () => {
    db = get().db;
    home = mkdtempSync(join(tmpdir(), 'studio-profiles-'));
    await profile('work');
    await profile('dev');
    // a folder without a config is not a profile (a backup, a leftover)
    mkdirSync(join(home, '.openclaw-old'));
    const env = parseEnv({ DATABASE_URL: get().url, STUDIO_DATA_DIR: join(home, 'studio') });
    profiles = await startProfileBridges(db, env, join(home, 'studio'), quiet, home);
  });
  after(async () => {
    await profiles?.stop();
    for (const sim of Object.values(sims)) await sim.stop();
    rmSync(home, { recursive: true, force: true });
  });

  test('each profile with a config is a gateway named after it, connected and mirrored', async () => {
    assert.deepEqual(profiles.names, ['dev', 'work']);
    assert.equal(await findGateway(db, 'old'), null);
    for (const name of ['dev', 'work']) {
      const gateway = await gatewayNamed(name);
      const job = await until(`${name}'s digest mirrored`, () =>
        getCronJobByExternalId(db, 'openclaw', 'digest', gateway.id),
      );
      assert.equal(job.name, `${name} digest`);
      const row = await until(`${name} connected`, async () => {
        const g = await getGateway(db, gateway.id);
        return g?.state === 'connected' && g;
      });
      assert.equal(row.url, sims[name]!.url);
    }
  });

  test("a run asked for on one profile's gateway runs there only", async () => {
    const work = await gatewayNamed('work');
    const job = await until('work digest mirrored', () => getCronJobByExternalId(db, 'openclaw', 'digest', work.id));
    const cmd = await enqueueCommand(db, 'cron.run', { jobId: job.id, triggerType: 'manual' }, { gatewayId: work.id });
    const done = await until('the run command finished', async () => {
      const c = await getCommand(db, cmd.id);
      return (c?.status === 'succeeded' || c?.status === 'failed') && c;
    });
    assert.equal(done.status, 'succeeded', done.error ?? '');
    await until('work ran it', async () => sims.work!.runs.some((r) => r.jobId === 'digest'));
    assert.equal(sims.dev!.runs.length, 0, 'dev ran nothing');
  });

  test('STUDIO_OPENCLAW_PROFILES chooses: none, or some by name; the default config is not served twice', async () => {
    const dir = join(home, 'studio');
    const none = await startProfileBridges(db, parseEnv({ STUDIO_OPENCLAW_PROFILES: 'none' }), dir, quiet, home);
    assert.deepEqual(none.names, []);
    const warned: string[] = [];
    const env = parseEnv({ STUDIO_OPENCLAW_PROFILES: 'missing' });
    const missing = await startProfileBridges(db, env, dir, { ...quiet, warn: (m) => warned.push(m) }, home);
    assert.deepEqual(missing.names, []);
    assert.match(warned.join('\n'), /profile "missing"/);
    const names = (o: Parameters<typeof findOpenclawProfiles>[0]) => findOpenclawProfiles(o).map((p) => p.name);
    assert.deepEqual(names({ home, only: ['dev'] }), ['dev']);
    // OPENCLAW_CONFIG_PATH naming a profile's config makes it the default gateway, not a second one
    assert.deepEqual(names({ home, except: join(home, '.openclaw-work', 'openclaw.json') }), ['dev']);
  });
});
