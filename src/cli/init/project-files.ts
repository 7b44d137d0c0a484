/** The files every template gets, made here rather than shipped (npm drops a packed .gitignore). */
export const projectFiles = (name: string, template: string, tunesetSpec: string): Record<string, string> => ({
  'package.json': json({
    name,
    version: '0.1.0',
    private: true,
    description: `A fine-tuning dataset built with tuneset (template ${template})`,
    // Pipelines are ES modules: without this, Node loads pipelines/*.ts as CommonJS.
    type: 'module',
    scripts: { build: `tuneset run pipelines/${name}.ts` },
    dependencies: { tuneset: tunesetSpec },
  }),
  // What tsc and editors need to check a pipeline against tuneset's types.
  'tsconfig.json': json({
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2023'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      types: ['node'],
      strict: true,
      verbatimModuleSyntax: true,
      skipLibCheck: true,
      noEmit: true,
    },
    include: ['pipelines'],
  }),
  '.gitignore': 'node_modules/\noutput/\n',
});

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
