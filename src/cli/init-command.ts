import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { UsageError } from '../pipeline/errors.js';
import type { Io } from './cli.js';
import { parseCommandLine } from './args.js';
import { projectFiles } from './init/project-files.js';
import { copyTemplate, writeProjectFile } from './init/scaffold.js';
import { PACKAGE_ROOT, tunesetSpec } from './init/tuneset-spec.js';
import { displayPath } from './display-path.js';

/** Template name -> what it builds; the files are in templates/<name>/ of the package. */
export const TEMPLATES = {
  csv: 'a CSV with a header row: question, answer, and an optional system column',
  jsonl: 'JSON lines with the fields question, answer, and an optional system',
  'ar-lsat': 'AR-LSAT logic games: multiple-choice questions about a passage',
  site: 'a documentation website, crawled into one example per section',
} as const;

export const INIT_HELP = `Usage: tuneset init <dir> [--template ${Object.keys(TEMPLATES).join('|')}]

Scaffolds a dataset project in <dir> (created if missing; it must be new or empty):
  package.json         "type": "module", tuneset as a dependency
  tsconfig.json        for type checks and editor completion
  pipelines/<name>.ts  the pipeline, importing from 'tuneset' (<name>: the directory's name)
  data/                a small sample input written for the template (not for site)
  README.md            the next commands
Each template's pipeline runs as it is, to the hand-off preview (site: with --input URL).

Templates:
${Object.entries(TEMPLATES)
  .map(([name, about]) => `  ${name.padEnd(8)} ${about}${name === 'csv' ? ' (default)' : ''}`)
  .join('\n')}

Options:
  --template NAME    the template (default: csv)
  -h, --help         show this help

Exit codes: 0 done, 2 usage error (an unknown template, a directory that is not empty).`;

/** A directory name as a pipeline name: pipelines are kebab-case ("My Set" -> "my-set"). */
export const pipelineName = (dir: string): string =>
  basename(resolve(dir))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');


/** The commands under "## Next" in the written README: printed too, so the user sees them at once. */
const nextCommands = (readme: string): string =>
  (/## Next[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '')
    .trimEnd()
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');

export const initCommand = async (argv: string[], io: Io): Promise<number> => {
  const { values, positionals } = parseCommandLine('init', argv, { template: { type: 'string' } });
  if (values.help) {
    io.stdout.write(`${INIT_HELP}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`tuneset init takes exactly one directory, got ${positionals.length}. See 'tuneset init --help'.`);
  const template = (values.template as string | undefined) ?? 'csv';
  if (!Object.hasOwn(TEMPLATES, template)) throw new UsageError(`tuneset init: unknown template "${template}"; choose one of ${Object.keys(TEMPLATES).join(', ')}`);
  const dir = positionals[0]!;
  const target = resolve(dir);
  const name = pipelineName(dir);
  if (!name) throw new UsageError(`tuneset init: "${dir}" gives no pipeline name; name the directory with letters or digits (my-set)`);
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) throw new UsageError(`tuneset init: ${dir} exists and is not a directory`);
    if (readdirSync(target).length > 0) throw new UsageError(`tuneset init: ${dir} is not empty; init writes only into a new or empty directory`);
  }
  mkdirSync(target, { recursive: true });

  const shown = displayPath(target);
  const files = [
    ...Object.entries(projectFiles(name, template, tunesetSpec(target))).map(([file, content]) => writeProjectFile(target, file, content)),
    ...copyTemplate(join(PACKAGE_ROOT, 'templates', template), target, {
      __NAME__: name,
      __DIR__: shown,
      __PIPELINE__: `${shown === '.' ? '' : `${shown}/`}pipelines/${name}.ts`,
    }),
  ];
  const readme = readFileSync(join(target, 'README.md'), 'utf8');
  io.stdout.write(
    `Created ${shown}/ from the ${template} template (pipeline "${name}"):\n${files.map((f) => `  ${f}`).join('\n')}\n\n` +
      `Next, from this directory:\n${nextCommands(readme)}\n\nMore in ${shown}/README.md.\n`,
  );
  return 0;
};
