import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';

/** Values put in place of the placeholders in a template's file names and contents. */
export interface Substitutions {
  /** The pipeline's (and project's) name: kebab-case. */
  __NAME__: string;
  /** The project directory as the user reaches it from where init ran. */
  __DIR__: string;
  /** The pipeline file, likewise: what `tuneset run` takes. */
  __PIPELINE__: string;
}

const substitute = (text: string, values: Substitutions): string =>
  text.replace(/__(?:NAME|DIR|PIPELINE)__/g, (key) => values[key as keyof Substitutions]);

const filesUnder = (dir: string, under = ''): string[] =>
  readdirSync(join(dir, under), { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? filesUnder(dir, join(under, e.name)) : e.isFile() ? [join(under, e.name)] : []));

/**
 * Copies a template directory into `target` (text files only), substituting placeholders in paths
 * and contents. Returns the written paths relative to `target`, with forward slashes.
 */
export const copyTemplate = (templateDir: string, target: string, values: Substitutions): string[] =>
  filesUnder(templateDir).map((file) => {
    const out = substitute(file, values);
    mkdirSync(dirname(join(target, out)), { recursive: true });
    writeFileSync(join(target, out), substitute(readFileSync(join(templateDir, file), 'utf8'), values));
    return out.split(sep).join('/');
  });

/** Writes one generated file (package.json, tsconfig.json, .gitignore). */
export const writeProjectFile = (target: string, file: string, content: string): string => {
  writeFileSync(join(target, file), content);
  return file;
};
