import { existsSync } from 'node:fs';
import { chromium } from 'playwright';

export const BROWSER_HINT =
  'Install one with `apt-get install -y chromium` (Debian; used from /usr/bin/chromium), set TUNESET_CHROMIUM to a chromium binary, or pass `browserExecutable` to scrape().';

/**
 * The chromium to render with: the option, then TUNESET_CHROMIUM, then Debian's /usr/bin/chromium,
 * then a browser Playwright downloaded itself. Undefined when there is none.
 */
export const findBrowser = (explicit?: string, env: NodeJS.ProcessEnv = process.env): string | undefined => {
  for (const candidate of [explicit, env['TUNESET_CHROMIUM'], '/usr/bin/chromium']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  try {
    const bundled = chromium.executablePath();
    return bundled && existsSync(bundled) ? bundled : undefined;
  } catch {
    return undefined;
  }
};

/** Flags for chromium in a container as root, on a machine whose network is closed (background requests would fail). */
export const BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
