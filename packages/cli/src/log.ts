export interface Logger {
  info(msg: string, extra?: unknown): void;
  warn(msg: string, extra?: unknown): void;
  error(msg: string, extra?: unknown): void;
}

const line = (level: string, msg: string, extra: unknown) =>
  `${new Date().toISOString()} ${level} ${msg}${extra === undefined ? '' : ` ${extra instanceof Error ? extra.message : JSON.stringify(extra)}`}`;

export const consoleLogger: Logger = {
  info: (msg, extra) => console.log(line('info ', msg, extra)),
  warn: (msg, extra) => console.warn(line('warn ', msg, extra)),
  error: (msg, extra) => console.error(line('error', msg, extra)),
};
