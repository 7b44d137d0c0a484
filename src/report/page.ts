import { createHash } from 'node:crypto';
import { html, trusted, type Html } from './html.js';
import { SAMPLE_SCRIPT } from './sample-script.js';

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#222;background:#f6f6f4}
header{background:#1f2d3d;color:#fff;padding:16px 28px}header h1{margin:0 0 4px;font-size:20px}header .muted{color:#c8d0da}
nav{display:flex;flex-wrap:wrap;gap:14px;padding:8px 28px;background:#fff;border-bottom:1px solid #ddd;position:sticky;top:0;z-index:1}nav a{color:#1f5f9f;text-decoration:none}
main{padding:8px 28px 40px;max-width:1100px}
section{background:#fff;border:1px solid #e2e2e2;border-radius:6px;padding:12px 18px;margin:14px 0}
h2{font-size:17px;margin:4px 0 10px}h3{font-size:15px;margin:14px 0 6px}h4{font-size:14px;margin:12px 0 4px}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin-top:10px}.card{background:#2b3d52;border-radius:5px;padding:6px 12px}.card b{display:block;font-size:17px}
table{border-collapse:collapse;margin:6px 0;font-size:13px}th,td{border-bottom:1px solid #eee;padding:3px 10px 3px 0;text-align:left;vertical-align:top}
table.numbers td:not(:first-child){text-align:right}table.kv td:first-child{color:#666;white-space:nowrap}table.kv thead{display:none}
code{font:12px ui-monospace,Menlo,Consolas,monospace;overflow-wrap:anywhere}table.drops td:nth-child(-n+2),table.drops td:nth-child(-n+2) code{white-space:nowrap;overflow-wrap:normal}
svg.chart,.plot svg{max-width:100%;height:auto;display:block}
.absent{color:#777;font-style:italic}.muted{color:#777}.warn{color:#b3261e;font-weight:600}.detail{color:#555}
.text{color:#444;font-size:12px;margin:2px 0 6px;white-space:pre-wrap}.source{color:#777;font-size:12px}
details summary{cursor:pointer}details.drop{margin:2px 0}
.mark-new{color:#2a7d2a}.mark-changed{color:#b36b00}.mark-removed{color:#b3261e}
.search{margin:8px 0}#sample-search{width:320px;padding:4px 6px}
.example{border:1px solid #e4e4e4;border-radius:4px;margin:4px 0;padding:4px 8px}.example summary>*{margin-right:8px}
.split{background:#e8eef6;border-radius:3px;padding:0 5px}.tag{background:#f1f1f1;border-radius:3px;padding:0 5px;font-size:12px}
table.scores td:nth-child(-n+3),table.scores td:last-child{text-align:left}.sig{color:#2a7d2a;font-weight:600}
.turn{margin:6px 0}.role{font-weight:600;font-size:12px;color:#555}.content{white-space:pre-wrap;margin:2px 0;font:12px/1.4 ui-monospace,Menlo,Consolas,monospace;background:#fafafa;padding:6px;border-radius:3px;max-height:320px;overflow:auto}
`;

/** The CSP source that allows exactly this inline script. */
const scriptHash = (code: string): string => createHash('sha256').update(code, 'utf8').digest('base64');

/**
 * The page around the sections. Its Content-Security-Policy allows no request of any kind
 * (default-src 'none'), inline styles, and only the sample browser's own script by its hash: even
 * markup that escaped escaping could neither run a script nor load anything. Another page built
 * on it (the evaluation's side-by-side page) brings its own script and CSS.
 */
export const page = (o: {
  title: string;
  subtitle: string;
  cards: readonly [string, string][];
  nav: readonly [string, string][];
  sections: readonly Html[];
  /** The page's one script. @default the report's sample browser */
  script?: string;
  /** Rules added after the report's own. */
  css?: string;
}): string => {
  const script = o.script ?? SAMPLE_SCRIPT;
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${scriptHash(script)}'; base-uri 'none'; form-action 'none'`;
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title}</title>
<style>${trusted(CSS + (o.css ?? ''))}</style></head>
<body><header><h1>${o.title}</h1><div class="muted">${o.subtitle}</div><div class="cards">${o.cards.map(([k, v]) => html`<div class="card"><b>${v}</b>${k}</div>`)}</div></header>
<nav>${o.nav.map(([id, label]) => html`<a href="#${id}">${label}</a>`)}</nav>
<main>${o.sections}</main>
<script>${trusted(script)}</script>
</body></html>
`.text;
};
