// The CLI as plain JavaScript. Loading the TypeScript sources through tsx took seconds and ~100 MB in every
// process (an `exec` run from cron each minute, the bridge for days), so the CLI and the workspace packages
// it imports are bundled into dist/ with esbuild: one chunk per command, so each loads only what it needs;
// npm packages stay in node_modules. Like the web app's build, it is made on first use and again whenever a
// source it was built from has changed, so a fresh clone, `npm run studio` and the tests need no extra step.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = join(HERE, '../..');
const DIST = join(HERE, 'dist');
const MAIN = join(HERE, 'src/main.ts');
const MANIFEST = join(DIST, 'manifest.json');
// Output file names carry a content hash and an older build's files stay this long, so a process that is
// still loading its chunks while another one rebuilds never finds them gone.
const KEEP_OLD_MS = 3_600_000;

/** URL of the bundled CLI's entry module, built first when missing or older than a source. */
export async function cliEntry() {
  const manifest = readManifest();
  const fresh =
    manifest &&
    existsSync(join(DIST, manifest.entry)) &&
    manifest.inputs.every((f) => mtimeOf(join(ROOT, f)) <= manifest.builtAt);
  return pathToFileURL(join(DIST, (fresh ? manifest : await buildCli()).entry)).href;
}

export async function buildCli() {
  const { build } = await import('esbuild');
  const builtAt = Date.now(); // before any source is read: an edit made during the build is seen next time
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { main: MAIN },
    outdir: DIST,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'warning',
    plugins: [workspaceSourcesOnly],
  });
  mkdirSync(DIST, { recursive: true });
  for (const file of result.outputFiles) writeAtomically(file.path, file.contents);
  const [entry] = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint === relative(ROOT, MAIN));
  const manifest = {
    builtAt,
    entry: basename(entry),
    // the workspace's package.json files decide how its imports resolve
    inputs: [
      ...Object.keys(result.metafile.inputs),
      relative(ROOT, fileURLToPath(import.meta.url)),
      ...['core', 'database', 'gateway-bridge', 'cli'].map((p) => `packages/${p}/package.json`),
    ],
  };
  writeAtomically(MANIFEST, JSON.stringify(manifest, null, 1));
  const current = new Set([basename(MANIFEST), ...result.outputFiles.map((f) => basename(f.path))]);
  for (const name of readdirSync(DIST)) {
    if (!current.has(name) && mtimeOf(join(DIST, name)) < Date.now() - KEEP_OLD_MS)
      rmSync(join(DIST, name), { force: true });
  }
  return manifest;
}

/**
 * npm packages stay imports (Node loads them from node_modules as before); the workspace's TypeScript is
 * bundled, each module keeping its own import.meta.url, so paths resolved from it (the migrations folder,
 * the repository root) are the same as when it runs from source.
 */
const workspaceSourcesOnly = {
  name: 'workspace-sources-only',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@agent-studio/') ? undefined : { external: true },
    );
    b.onLoad({ filter: /\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll(
        'import.meta.url',
        JSON.stringify(pathToFileURL(args.path).href),
      ),
      loader: 'ts',
    }));
  },
};

function readManifest() {
  try {
    return JSON.parse(readFileSync(MANIFEST, 'utf8'));
  } catch {
    return null;
  }
}

function mtimeOf(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Infinity; // gone: stale
  }
}

/** Readers see the old file or the whole new one, never half of it (several processes may build at once). */
function writeAtomically(path, contents) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
}

// `npm run build`: builds whatever the state (deploys build ahead, in a checkout the service may not write)
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildCli();
