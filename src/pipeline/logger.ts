import type { Json } from './item.js';

export interface Logger {
  info(message: string, data?: Record<string, Json>): void;
  warn(message: string, data?: Record<string, Json>): void;
  error(message: string, data?: Record<string, Json>): void;
  child(tag: string): Logger;
}

/** Lines on stderr, `[tag] message {data}`; stdout is left to the command's own output. */
export const stderrLogger = (tag = 'tuneset', write: (line: string) => void = (l) => process.stderr.write(l)): Logger => {
  const line = (level: string) => (message: string, data?: Record<string, Json>) =>
    write(`${level === 'info' ? '' : `${level}: `}[${tag}] ${message}${data ? ` ${JSON.stringify(data)}` : ''}\n`);
  return { info: line('info'), warn: line('warn'), error: line('error'), child: (t) => stderrLogger(`${tag}:${t}`, write) };
};

export const silentLogger: Logger = { info() {}, warn() {}, error() {}, child: () => silentLogger };
