// Checks the fakes' answers against a provider's published OpenAPI document (fetched by the user,
// never copied into the repository): starts the fake on 127.0.0.1, drives every endpoint it serves
// through a realistic flow, and validates each JSON body against the response schema of the
// operation it answers. One line per answer, then a summary; exit 1 on any violation.
//   npm run check-fakes -- <openapi.json|openapi.yaml> [--provider openai|together]
import { checkSchema, type Schema, type SchemaCheck } from './openapi/check-schema.js';
import { responseSchema, type OpenApiDocument } from './openapi/find-operation.js';
import { loadDocument } from './openapi/load-document.js';
import { runOpenAIFlow } from './openapi/openai-flow.js';
import type { Recorded, Recorder } from './openapi/recorder.js';
import { runTogetherFlow } from './openapi/together-flow.js';

interface ProviderCheck {
  flow: () => Promise<Recorder>;
  /** Errors the document does not list for an operation are checked against this envelope. */
  errorSchema: string;
}

const PROVIDERS: Record<string, ProviderCheck> = {
  openai: { flow: runOpenAIFlow, errorSchema: '#/components/schemas/ErrorResponse' },
  together: { flow: runTogetherFlow, errorSchema: '#/components/schemas/ErrorData' },
};

const usage = (message: string): never => {
  process.stderr.write(`error: ${message}\nusage: npm run check-fakes -- <openapi.json|openapi.yaml> [--provider ${Object.keys(PROVIDERS).join('|')}]\n`);
  process.exit(2);
};

const args = process.argv.slice(2);
const at = args.indexOf('--provider');
const provider = at === -1 ? 'openai' : args[at + 1];
const files = args.filter((a, i) => !a.startsWith('--') && (at === -1 || i !== at + 1));
if (files.length !== 1) usage('give one OpenAPI document');
if (provider === undefined || !Object.hasOwn(PROVIDERS, provider)) usage(`--provider expects one of ${Object.keys(PROVIDERS).join(', ')}, got "${provider ?? ''}"`);
const check = PROVIDERS[provider!]!;

interface Verdict {
  line: string;
  violations: string[];
  checked: boolean;
}

const judge = (doc: OpenApiDocument, ctx: SchemaCheck, r: Recorded): Verdict => {
  const path = r.target.split('?')[0]!;
  const head = `${r.method} ${r.target} ${r.status}${r.note ? ` (${r.note})` : ''}`;
  const found = responseSchema(doc, r.method, path, r.status);
  let schema: Schema | null = found?.schema ?? null;
  let against = found ? `${found.operation} ${found.status}` : '';
  if (r.status >= 400 && !schema) {
    // Error answers the document leaves out, or lists without a body: its error envelope.
    schema = { $ref: check.errorSchema };
    against = found ? `${found.operation} ${found.status} (listed without a body); the error envelope` : 'not listed for this operation; the error envelope';
  }
  if (!found && r.status < 400) return { line: `FAIL ${head}: no operation in the document`, violations: ['no operation'], checked: true };
  if (!/json/.test(r.contentType)) return { line: `skip ${head}: ${r.contentType || 'no content type'}, not JSON (${against})`, violations: [], checked: false };
  if (!schema) return { line: `FAIL ${head}: the document has no JSON body for ${against}`, violations: ['no schema'], checked: true };
  let body: unknown;
  try {
    body = JSON.parse(r.text);
  } catch {
    return { line: `FAIL ${head}: the body is not JSON`, violations: ['not JSON'], checked: true };
  }
  const name = typeof schema['$ref'] === 'string' ? schema['$ref'].split('/').at(-1) : 'inline schema';
  const violations = checkSchema(ctx, schema, body);
  const where = `${against} -> ${name}`;
  if (violations.length === 0) return { line: `ok   ${head}: ${where}`, violations, checked: true };
  return { line: `FAIL ${head}: ${where}\n${violations.map((v) => `       ${v}`).join('\n')}`, violations, checked: true };
};

const doc = await loadDocument(files[0]!).catch((error: Error) => usage(error.message));
const recorder = await check.flow();
const ctx: SchemaCheck = { document: doc, unchecked: new Map() };
let failed = 0;
let checked = 0;
const operations = new Set<string>();
for (const r of recorder.records) {
  const verdict = judge(doc, ctx, r);
  process.stdout.write(`${verdict.line}\n`);
  if (verdict.checked) checked++;
  if (verdict.violations.length > 0) failed++;
  const found = responseSchema(doc, r.method, r.target.split('?')[0]!, r.status);
  if (found) operations.add(found.operation);
}
const skipped = recorder.records.length - checked;
process.stdout.write(
  `\n${provider}: ${recorder.records.length} answers, ${checked} checked against ${files[0]} (${operations.size} operations), ${skipped} not JSON, ${failed} with violations\n`,
);
if (ctx.unchecked.size > 0) {
  process.stdout.write(`keywords met and not checked: ${[...ctx.unchecked].map(([k, n]) => `${k} (${n})`).join(', ')}\n`);
}
process.exit(failed > 0 ? 1 : 0);
