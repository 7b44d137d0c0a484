// Reads an OpenAPI document the user fetched (it is never copied into the repository): JSON, or
// YAML through the `yaml` package (a devDependency, loaded only for .yaml/.yml files).
import { readFile } from 'node:fs/promises';
import type { OpenApiDocument } from './find-operation.js';

export const loadDocument = async (file: string): Promise<OpenApiDocument> => {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`${file}: cannot read the OpenAPI document (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let doc: unknown;
  try {
    if (/\.ya?ml$/i.test(file)) {
      const { parse } = await import('yaml');
      // The documents are large (OpenAI's is 3 MB): lift the alias guard meant for untrusted input.
      doc = parse(text, { maxAliasCount: -1 });
    } else doc = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not a readable OpenAPI document (${(error as Error).message.split('\n')[0]})`);
  }
  if (doc === null || typeof doc !== 'object' || typeof (doc as OpenApiDocument).paths !== 'object') {
    throw new Error(`${file}: has no "paths": not an OpenAPI document`);
  }
  return doc as OpenApiDocument;
};
