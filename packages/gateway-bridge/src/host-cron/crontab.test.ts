import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasUserColumn, nextRunOf, parseCrontab } from './crontab';

const USER_CRONTAB = `# m h dom mon dow command
SHELL=/bin/bash
MAILTO=""
PATH=/usr/local/bin:/usr/bin:/bin

*/15 * * * * agent-studio exec --job fetch-feeds -- /opt/feeds/fetch.sh --all
@daily      /opt/studio/bin/agent-studio.mjs exec --job="nightly report" -- python3 report.py > /tmp/r.log 2>&1
@reboot     /usr/local/bin/warm-cache
0 3 * * 1-5 tar czf /backup/home-$(date +\\%F).tgz /home%ignored stdin
CRON_TZ=Europe/Paris
30 7 * * *  echo good morning
not a line at all
61 * * * * echo bad minute
@sometimes echo bad macro
0 4 * * *
*/15 * * * * agent-studio exec --job fetch-feeds -- /opt/feeds/again.sh
`;

test('a user crontab: env lines, macros, the exec wrapper, % and comments; bad lines skipped with where they are', () => {
  const { jobs, warnings } = parseCrontab(USER_CRONTAB, { userColumn: false, file: '/var/spool/cron/crontabs/me' });
  assert.deepEqual(
    jobs.map((j) => [j.name, j.schedule]),
    [
      ['fetch-feeds', '*/15 * * * *'],
      ['nightly report', '@daily'],
      [jobs[2]!.name, '@reboot'],
      [jobs[3]!.name, '0 3 * * 1-5'],
      [jobs[4]!.name, '30 7 * * *'],
    ],
  );
  const [feeds, report, reboot, tar, morning] = jobs;
  assert.equal(feeds!.wrapped, '/opt/feeds/fetch.sh --all');
  assert.equal(feeds!.env.SHELL, '/bin/bash');
  assert.equal(feeds!.env.MAILTO, '');
  assert.equal(
    report!.command,
    '/opt/studio/bin/agent-studio.mjs exec --job="nightly report" -- python3 report.py > /tmp/r.log 2>&1',
  );
  assert.equal(report!.wrapped, 'python3 report.py > /tmp/r.log 2>&1');
  assert.equal(reboot!.wrapped, null);
  assert.match(reboot!.name, /^me: \/usr\/local\/bin\/warm-cache #[0-9a-f]{6}$/);
  assert.equal(
    tar!.command,
    'tar czf /backup/home-$(date +%F).tgz /home',
    'cut at the first unescaped %, \\% unescaped',
  );
  assert.equal(morning!.timezone, 'Europe/Paris');
  assert.equal(feeds!.timezone, null);
  assert.deepEqual(
    warnings.map((w) => /^\/var\/spool\/cron\/crontabs\/me:(\d+): /.exec(w)?.[1]),
    ['12', '13', '14', '15', '16'],
  );
  assert.match(warnings[0]!, /"not a line at all" is not a cron schedule/);
  assert.match(warnings[3]!, /no command/);
  assert.match(warnings[4]!, /already defined/);
});

test('a cron.d file names the user on each line', () => {
  const { jobs, warnings } = parseCrontab(
    '0 * * * * root agent-studio exec --job rotate -- logrotate /etc/lr.conf\n5 * * * * www-data\n',
    {
      userColumn: true,
      file: '/etc/cron.d/studio',
    },
  );
  assert.equal(jobs.length, 1);
  assert.equal(jobs[0]!.user, 'root');
  assert.equal(jobs[0]!.wrapped, 'logrotate /etc/lr.conf');
  assert.match(warnings[0]!, /no command after the schedule and user/);
  assert.ok(
    hasUserColumn('/etc/cron.d/studio') &&
      hasUserColumn('/etc/crontab') &&
      !hasUserColumn('/var/spool/cron/crontabs/me'),
  );
});

test('the derived name of an unwrapped line survives edits to other lines', () => {
  const a = parseCrontab('@hourly echo one\n@daily echo two\n', { userColumn: false, file: 'f' }).jobs;
  const b = parseCrontab('# a comment\n@weekly echo zero\n@hourly echo one\n', { userColumn: false, file: 'f' }).jobs;
  assert.equal(a[0]!.name, b[1]!.name);
});

test('next run in the job time zone; none for @reboot or a date that never comes', () => {
  const from = new Date('2026-11-25T12:00:00Z');
  assert.equal(
    nextRunOf({ schedule: '30 7 * * *', timezone: 'Europe/Paris' }, from)?.toISOString(),
    '2026-11-26T06:30:00.000Z',
  );
  assert.equal(nextRunOf({ schedule: '@daily', timezone: 'UTC' }, from)?.toISOString(), '2026-11-26T00:00:00.000Z');
  assert.equal(nextRunOf({ schedule: '@reboot', timezone: null }, from), null);
  assert.equal(nextRunOf({ schedule: '0 0 31 2 *', timezone: null }, from), null);
});
