import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '../../../pipeline/hash.js';
import type { RenderDocument } from './render-routes.js';

/** Bodies waiting for a browser tab kept in memory; past it they wait on disk. */
export const SPOOL_MEMORY_BYTES = 32 * 1024 * 1024;

type Held = { document: RenderDocument } | { meta: Omit<RenderDocument, 'body'>; file: string };

/**
 * The fetched bodies of pages handed to the browser, until their render is done or has failed for
 * good (a retried render needs the body again, and fetching it again is what this avoids). Fetching
 * can run far ahead of rendering (a fast site, a slow browser), so only `maxBytes` of bodies stay in
 * memory and the rest wait in files under `dir`, which is emptied when the crawl starts and ends.
 */
export class DocumentSpool {
  private readonly held = new Map<string, Held>();
  private bytes = 0;

  constructor(
    private readonly dir: string,
    private readonly maxBytes = SPOOL_MEMORY_BYTES,
  ) {
    // Files left by a killed run: their pages are fetched again anyway.
    rmSync(dir, { recursive: true, force: true });
  }

  put(key: string, document: RenderDocument): void {
    this.delete(key);
    if (this.bytes + document.body.length <= this.maxBytes) {
      this.held.set(key, { document });
      this.bytes += document.body.length;
      return;
    }
    mkdirSync(this.dir, { recursive: true });
    const file = join(this.dir, sha256(key));
    writeFileSync(file, document.body);
    const { body: _body, ...meta } = document;
    this.held.set(key, { meta, file });
  }

  get(key: string): RenderDocument | undefined {
    const held = this.held.get(key);
    if (!held) return undefined;
    return 'document' in held ? held.document : { ...held.meta, body: readFileSync(held.file) };
  }

  delete(key: string): void {
    const held = this.held.get(key);
    if (!held) return;
    this.held.delete(key);
    if ('document' in held) this.bytes -= held.document.body.length;
    else rmSync(held.file, { force: true });
  }

  /** Bytes held in memory now. */
  get memoryBytes(): number {
    return this.bytes;
  }

  clear(): void {
    this.held.clear();
    this.bytes = 0;
    rmSync(this.dir, { recursive: true, force: true });
  }
}
