// Reads what was appended to a JSONL file since a byte offset. Shared by the sources that follow append-only
// files (OpenClaw's pre-2026.6.1 run logs and transcripts, the exec spool).
import { open, stat } from 'node:fs/promises';
import { parseStorableJson } from '../storable-json';

/** Where a file was read up to. `ino` tells a replaced (rotated) file from the one the offset belongs to. */
export interface TailCheckpoint {
  offset: number;
  ino: number;
}

export interface TailRead {
  /** Complete lines (a last line without its newline is still being written: it is left for the next read). */
  lines: { text: string; end: number }[];
  /** Read up to here: the end of the last complete line. */
  checkpoint: TailCheckpoint;
  /** The file was replaced or shrank below the checkpoint, so it was read again from the start. */
  restarted: boolean;
  /** More complete lines may follow (the read stopped at `maxBytes`). */
  more: boolean;
}

const NL = 0x0a;

/** The next complete lines of `path` after `from` (null: the file does not exist). */
export async function readNewLines(
  path: string,
  from: TailCheckpoint | null,
  maxBytes = 4 << 20,
): Promise<TailRead | null> {
  let st;
  try {
    st = await stat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const restarted = from !== null && (from.ino !== st.ino || st.size < from.offset);
  const start = from && !restarted ? from.offset : 0;
  const lines: TailRead['lines'] = [];
  let end = start;
  let limited = false;
  if (st.size > start) {
    const fh = await open(path, 'r');
    try {
      // a line longer than maxBytes is read whole (the read grows until it finds its newline or the end)
      for (let want = Math.min(maxBytes, st.size - start); ; want = Math.min(want * 2, st.size - start)) {
        limited = want < st.size - start;
        const buf = Buffer.alloc(want);
        const { bytesRead } = await fh.read(buf, 0, want, start);
        let lineStart = 0;
        for (let i = buf.indexOf(NL, 0); i !== -1 && i < bytesRead; i = buf.indexOf(NL, i + 1)) {
          lines.push({ text: buf.toString('utf8', lineStart, i), end: start + i + 1 });
          lineStart = i + 1;
        }
        end = start + lineStart;
        if (lines.length || bytesRead < want || start + want >= st.size) break;
      }
    } finally {
      await fh.close();
    }
  }
  return { lines, checkpoint: { offset: end, ino: st.ino }, restarted, more: limited && end < st.size };
}

/** A line's JSON value, or undefined when it is not JSON (a malformed line is skipped, never fatal). */
export function parseJsonLine(text: string): unknown {
  try {
    return parseStorableJson(text);
  } catch {
    return undefined;
  }
}
