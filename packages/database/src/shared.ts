import type { Db } from './db';

// Next bundles its own copy of workspace modules, so a module-level variable would not be seen by the web
// app: the process-wide database lives on globalThis under a registered symbol.
const KEY = Symbol.for('agent-studio.db');
type Holder = { [KEY]?: Promise<Db> };

/** Makes `db` the process's database (the studio command does this before starting the web server). */
export function shareDb(db: Db | Promise<Db>): void {
  (globalThis as Holder)[KEY] = Promise.resolve(db);
}

/** The process's database; `open` is called once if nobody shared one. */
export function sharedDb(open: () => Promise<Db>): Promise<Db> {
  const holder = globalThis as Holder;
  holder[KEY] ??= open();
  return holder[KEY];
}
