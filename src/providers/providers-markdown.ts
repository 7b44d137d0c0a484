import type { HyperparameterName } from './provider.js';
import { PROVIDERS } from './registry.js';

/**
 * The README's provider facts, generated from the registry so they cannot drift from the code:
 * each provider's environment variables, the name each of our `.train()` settings has in its job
 * body, and what makes a re-run after a crash safe there (`afterCrash`). test/docs checks that the
 * README holds exactly this between its `providers:start` and `providers:end` markers.
 */

const SETTINGS: readonly HyperparameterName[] = ['epochs', 'batchSize', 'learningRate', 'learningRateMultiplier', 'loraRank', 'loraAlpha'];

/** Words wrapped at `width` columns, continuation lines indented by `indent`. */
export const wrap = (text: string, width: number, first: string, indent: string): string => {
  const lines: string[] = [];
  let line = first;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line.trim() === '' || line === first ? `${line}${word}` : `${line} ${word}`;
    if (candidate.length > width && line !== first) {
      lines.push(line);
      line = `${indent}${word}`;
    } else line = candidate;
  }
  lines.push(line);
  return lines.join('\n');
};

export const renderProvidersMarkdown = (): string => {
  const providers = Object.values(PROVIDERS);
  const out: string[] = [];
  out.push('| provider | `--provider` | key | base URL (default) | also reads |', '|---|---|---|---|---|');
  for (const p of providers) {
    const others = p.env.others.length > 0 ? p.env.others.map((n) => `\`${n}\``).join(', ') : '-';
    out.push(`| ${p.label} | \`${p.name}\` | \`${p.env.apiKey}\` | \`${p.env.baseURL}\` (\`${p.defaultBaseURL}\`) | ${others} |`);
  }
  out.push('', `| \`.train()\` setting | ${providers.map((p) => p.name).join(' | ')} |`, `|---|${providers.map(() => '---|').join('')}`);
  for (const s of SETTINGS) out.push(`| \`${s}\` | ${providers.map((p) => (p.hyperparameters[s] ? `\`${p.hyperparameters[s]}\`` : '-')).join(' | ')} |`);
  out.push('', 'What makes a re-run after a crash safe, per provider:', '');
  for (const p of providers) out.push(wrap(p.afterCrash, 100, `- **${p.label}**: `, '  '));
  return `${out.join('\n')}\n`;
};
