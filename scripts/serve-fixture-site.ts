// Serves fixtures/site/ (the test documentation site, with its robots.txt, sitemap, redirects and
// failures) on 127.0.0.1, to try `tuneset run pipelines/docs-qa.ts --input <url>` by hand.
//   npm run fixture-site [-- --port 4173]
import { listenError } from '../src/cli/listen-error.js';
import { UsageError } from '../src/pipeline/errors.js';
import { startSiteServer } from '../test/helpers/site-server.js';

/** One plain line and exit code 2, as tuneset's own usage errors. */
function fail(message: string): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(2);
}

const at = process.argv.indexOf('--port');
const port = at === -1 ? 0 : Number(process.argv[at + 1]);
if (!Number.isInteger(port) || port < 0 || port > 65_535) fail(`--port expects a port number from 0 to 65535, got "${process.argv[at + 1] ?? ''}"`);
const site = await startSiteServer({ ...(port ? { port } : {}) }).catch((error: unknown) => {
  const plain = listenError(port, error);
  if (plain instanceof UsageError) fail(plain.message);
  throw error;
});
process.stdout.write(`Serving fixtures/site at ${site.origin}/ (Ctrl-C to stop)\n`);
const stop = () => void site.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
