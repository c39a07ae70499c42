// `pnpm docs:build`: the API reference from the packages' TSDoc (TypeDoc, as markdown into docs/api),
// then the VitePress site into docs/.vitepress/dist. Both fail on warnings that mean a broken site.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Application } from 'typedoc';
import { build } from 'vitepress';

const docsDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(docsDir, '..');
const packagesDir = join(root, 'packages');
const packages = readdirSync(packagesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(packagesDir, entry.name, 'src', 'index.ts')))
  .map((entry) => entry.name)
  .sort();

const apiDir = join(docsDir, 'api');
rmSync(apiDir, { recursive: true, force: true });
const app = await Application.bootstrapWithPlugins({
  entryPoints: packages.map((name) => join(packagesDir, name, 'src', 'index.ts')),
  entryPointStrategy: 'resolve',
  tsconfig: join(docsDir, '.vitepress', 'tsconfig.typedoc.json'),
  plugin: ['typedoc-plugin-markdown', 'typedoc-vitepress-theme'],
  out: apiDir,
  docsRoot: docsDir,
  readme: 'none',
  // One page a package keeps the site small; members are anchors on it.
  outputFileStrategy: 'modules',
  excludePrivate: true,
  excludeInternal: true,
  githubPages: false,
  disableSources: true,
  // The typecheck stage already checks the sources; the reference only documents them.
  skipErrorChecking: true,
  hideGenerator: true,
  logLevel: 'Warn',
  // Names the modules by package rather than by file path.
  name: 'aftersale API',
});
const project = await app.convert();
if (!project) throw new Error('TypeDoc could not convert the packages (see the errors above)');
// Modules are named after their entry file's folder ("core/src"); name them after the package.
for (const child of project.children ?? []) {
  const match = /^([^/]+)\/src$/.exec(child.name);
  if (match) child.name = `@aftersale/${match[1]}`;
}
await app.generateOutputs(project);
if (app.logger.hasErrors()) throw new Error('TypeDoc reported errors');

await build(docsDir);
process.stdout.write(`docs site built: ${packages.length} packages in the API reference\n`);
