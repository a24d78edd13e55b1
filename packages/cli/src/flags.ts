/** The command line's options shared by the commands that start the studio, the web app or the bridge. */
export interface Flags {
  host?: string;
  port?: number;
  crontabs?: string[];
  /** bridge only: the gateway it serves, by name (created on first use); the default gateway when left out. */
  gateway?: string;
}
