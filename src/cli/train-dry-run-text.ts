import type { RecordedRequest } from '../providers/dry-run-fetch.js';

export interface DryRunOutcome {
  runDir: string;
  /** The variable that holds the provider's key (`OPENAI_API_KEY`), named when there was none. */
  apiKeyVar: string;
  /** The read-only lookups sent with the real key; undefined when there was no key to send them with. */
  lookedUp: readonly { method: string; url: string }[] | undefined;
  /** What `startTraining` would do, one line per file and one for the job. */
  steps: readonly string[];
  /** The requests that would create something, none of them sent. */
  requests: readonly RecordedRequest[];
}

/** The dry run's report: what was checked, what would be reused, and the exact requests a real run would send. */
export const formatDryRun = (o: DryRunOutcome): string => {
  const lines: string[] = [];
  if (o.lookedUp === undefined) {
    lines.push(
      `Dry run: nothing was sent. No API key in the environment (${o.apiKeyVar}), so earlier`,
      'uploads and jobs could not be checked: this plan assumes the server has none.',
    );
  } else {
    lines.push('Dry run: nothing was created. Earlier uploads and jobs were looked up with read-only requests:');
    for (const r of o.lookedUp) lines.push(`  ${r.method} ${r.url}`);
  }
  lines.push('', ...o.steps, '');
  if (o.requests.length === 0) {
    lines.push(`\`tuneset train ${o.runDir}\` would create nothing: the uploads and the job exist already.`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(`The requests \`tuneset train ${o.runDir}\` would send to create what is missing (none was sent):`, '');
  for (const r of o.requests) lines.push(`${r.method} ${r.url}`, JSON.stringify({ headers: r.headers, body: r.body }, null, 2), '');
  return `${lines.join('\n')}\n`;
};
