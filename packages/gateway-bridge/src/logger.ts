export interface Logger {
  info(msg: string, extra?: unknown): void;
  warn(msg: string, extra?: unknown): void;
  error(msg: string, extra?: unknown): void;
}

/** A logger that says nothing: for tests and for callers that report through their own channel. */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
