// The failure corpus (corpus/*.jsonl, see corpus/README.md): real error texts with their source and label.
import { readFileSync } from 'node:fs';
import type { FailureCategory, FailureInput } from '../../src/failures/categorize';

export interface CorpusItem extends FailureInput {
  label: FailureCategory;
  text: string;
  source: string;
}

function read(name: 'dev' | 'held-out'): CorpusItem[] {
  return readFileSync(new URL(`./corpus/${name}.jsonl`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const o = JSON.parse(l) as { label: FailureCategory; text: string; source: string; exitCode?: number };
      return { ...o, error: o.text };
    });
}

/** The part the rules were developed against. */
export const devCorpus = (): CorpusItem[] => read('dev');
/** The third kept out of the rules' development: only the benchmark reads it. */
export const heldOutCorpus = (): CorpusItem[] => read('held-out');
