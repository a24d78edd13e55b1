// Traversal attempts against the one confinement helper, on a real folder with real links.
import assert from 'node:assert/strict';
import { linkSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { confinePath, PathOutsideError } from './confine-path';

let dir: string;
let root: string;

before(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'studio-confine-')));
  root = join(dir, 'workspace/gtm');
  mkdirSync(join(root, 'blog'), { recursive: true });
  mkdirSync(join(dir, 'secrets'));
  writeFileSync(join(dir, 'secrets/keys.md'), 'sk-live-123');
  writeFileSync(join(root, 'blog/post.md'), '# Post');
  writeFileSync(join(root, 'blog/%2e%2e'), 'a file really named so');
  symlinkSync(join(dir, 'secrets/keys.md'), join(root, 'blog/escape.md'));
  symlinkSync(join(dir, 'secrets'), join(root, 'linked-dir'));
  symlinkSync('../../../secrets/keys.md', join(root, 'blog/relative-escape.md'));
  symlinkSync('post.md', join(root, 'blog/alias.md'));
  symlinkSync(join(dir, 'workspace'), join(dir, 'workspace-link'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const refused = async (candidate: string, reason: RegExp, base = root) => {
  await assert.rejects(
    confinePath(base, candidate),
    (err: Error) => err instanceof PathOutsideError && reason.test(err.message),
    candidate,
  );
};

test('files inside the folder resolve to their real path, relative or absolute', async () => {
  assert.equal(await confinePath(root, 'blog/post.md'), join(root, 'blog/post.md'));
  assert.equal(await confinePath(root, join(root, 'blog/post.md')), join(root, 'blog/post.md'));
  assert.equal(
    await confinePath(root, 'blog/../blog/post.md'),
    join(root, 'blog/post.md'),
    '.. that stays inside is fine',
  );
  assert.equal(
    await confinePath(root, 'blog/alias.md'),
    join(root, 'blog/post.md'),
    'a link within the folder is fine',
  );
  // the configured folder may itself be reached through a link
  assert.equal(
    await confinePath(join(dir, 'workspace-link/gtm'), join(dir, 'workspace-link/gtm/blog/post.md')),
    join(root, 'blog/post.md'),
  );
});

test('.. segments that leave the folder are refused before the disk is read', async () => {
  await refused('../../secrets/keys.md', /outside/);
  await refused('blog/../../../secrets/keys.md', /outside/);
  await refused('..', /outside/);
  await refused('../gtm-sibling/x.md', /outside/);
  await refused('../../secrets/does-not-exist.md', /outside/, root);
});

test('absolute paths elsewhere are refused', async () => {
  await refused('/etc/passwd', /outside/);
  await refused(join(dir, 'secrets/keys.md'), /outside/);
  await refused(`${root}-evil/x.md`, /outside/, root);
});

test('percent-encoded traversal is refused, whatever decodes it later', async () => {
  for (const p of [
    '%2e%2e/%2e%2e/secrets/keys.md',
    '..%2f..%2fsecrets/keys.md',
    '%2E%2E%5C%2E%2E%5Csecrets',
    'blog/%2e%2e',
    'post.md%00.png',
  ])
    await refused(p, /percent-encoded/);
});

test('symbolic links out of the folder (file, directory, relative) are refused', async () => {
  await refused('blog/escape.md', /links to .*secrets\/keys\.md, outside/);
  await refused('linked-dir/keys.md', /links to .*secrets\/keys\.md, outside/);
  await refused('blog/relative-escape.md', /outside/);
});

test('NUL bytes are refused', async () => {
  await refused('blog/post.md\0.png', /NUL/);
  await refused('\0/etc/passwd', /NUL/);
});

test('a missing file inside is a plain not-found, not a confinement error', async () => {
  await assert.rejects(confinePath(root, 'blog/missing.md'), { code: 'ENOENT' });
});

test('a hard link looks like any file: confinement alone cannot see it (the GTM reader checks link counts)', async () => {
  linkSync(join(dir, 'secrets/keys.md'), join(root, 'blog/hardlink.md'));
  assert.equal(await confinePath(root, 'blog/hardlink.md'), join(root, 'blog/hardlink.md'));
});
