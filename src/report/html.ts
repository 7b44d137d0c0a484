// Escaping for the report. Examples come from the web: every value is escaped unless it is Html
// made by the `html` template below, so forgetting to escape is not possible by accident.

/** Markup that is already safe: made by `html`, or by a chart builder that escapes its own text. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an HTML or SVG text node or a quoted attribute value. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/** Trusts `text` as markup: only for strings built by code in this folder from escaped parts. */
export const trusted = (text: string): Html => new Html(text);

const render = (value: unknown): string => {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
};

/** A template whose interpolations are escaped (Html values and arrays of them are kept as they are). */
export const html = (strings: TemplateStringsArray, ...values: unknown[]): Html =>
  new Html(strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i]) : ''), ''));

/**
 * JSON to embed in `<script type="application/json">`: `<`, `>` and `&` as \u escapes, so no
 * `</script>` or `<!--` in a value can end the element, and U+2028/2029 escaped for old parsers.
 */
export const jsonForScript = (value: unknown): string =>
  JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

export const fmt = (n: number): string => n.toLocaleString('en-US');

export const usd = (n: number | null | undefined): string => (n === null || n === undefined ? 'no price' : `$${n < 1 ? n.toFixed(4) : n.toFixed(2)}`);

export const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

/** A table with escaped headers; cells may be Html. */
export const table = (headers: readonly string[], rows: readonly (readonly unknown[])[], cls = ''): Html =>
  html`<table class="${cls}"><thead><tr>${headers.map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>${rows.map(
    (r) => html`<tr>${r.map((c) => html`<td>${c}</td>`)}</tr>`,
  )}</tbody></table>`;

/** A report section; `absent` says in words what is missing when there is nothing to show. */
export const section = (id: string, title: string, body: Html): Html => html`<section id="${id}"><h2>${title}</h2>${body}</section>`;

export const absent = (text: string): Html => html`<p class="absent">${text}</p>`;
