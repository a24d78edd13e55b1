// Paths that come from OpenClaw (agent-written files, tool-call arguments) or from a request are untrusted:
// before anything is read or served, they must resolve, links followed, to a place inside a configured folder.
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';

export class PathOutsideError extends Error {
  readonly code = 'PATH_OUTSIDE';
}

// An encoded dot, slash, backslash or NUL has no business in a file name we read; it is how traversal hides
// from a check that runs before something else decodes the path.
const ENCODED = /%(?:2e|2f|5c|00)/i;

const inside = (root: string, path: string) => {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
};

/**
 * The real path of `candidate` (absolute, or relative to `root`) when it lies inside `root` after `..`
 * segments and symbolic links are resolved; otherwise a PathOutsideError that says why. The file must exist
 * (a missing one rejects with ENOENT, as a read would).
 */
export async function confinePath(root: string, candidate: string): Promise<string> {
  if (candidate.includes('\0')) throw new PathOutsideError('The path contains a NUL byte.');
  if (ENCODED.test(candidate)) throw new PathOutsideError('The path contains a percent-encoded dot, slash or NUL.');
  const absoluteRoot = resolve(root);
  const realRoot = await realpath(absoluteRoot);
  const target = resolve(absoluteRoot, candidate);
  // refused before the file system is asked, so probing cannot tell which outside files exist
  if (!inside(absoluteRoot, target) && !inside(realRoot, target))
    throw new PathOutsideError(`${candidate} is outside ${root}.`);
  const real = await realpath(target);
  if (!inside(realRoot, real)) throw new PathOutsideError(`${candidate} links to ${real}, outside ${root}.`);
  return real;
}
