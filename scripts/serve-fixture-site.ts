// Serves fixtures/site/ (the test documentation site, with its robots.txt, sitemap, redirects and
// failures) on 127.0.0.1, to try `tuneset run pipelines/docs-qa.ts --input <url>` by hand.
//   npm run fixture-site [-- --port 4173]
import { startSiteServer } from '../test/helpers/site-server.js';

const at = process.argv.indexOf('--port');
const port = at === -1 ? 0 : Number(process.argv[at + 1]);
const site = await startSiteServer({ ...(port ? { port } : {}) });
process.stdout.write(`Serving fixtures/site at ${site.origin}/ (Ctrl-C to stop)\n`);
const stop = () => void site.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
