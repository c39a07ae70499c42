import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Every ```ts block in docs/ is compiled against the packages' sources, so the docs cannot drift
// from the code. A block is a module of its own.
const docsDir = dirname(fileURLToPath(import.meta.url));
const outDir = join(docsDir, '.snippets');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

function extractSnippets(): { file: string; line: number; code: string }[] {
  const snippets: { file: string; line: number; code: string }[] = [];
  const files = [...markdownFiles(docsDir), join(docsDir, '..', 'README.md')];
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    let start = -1;
    for (let index = 0; index < lines.length; index++) {
      const line = lines[index] ?? '';
      if (start < 0 && /^```(ts|typescript)\s*$/.test(line)) start = index;
      else if (start >= 0 && line.startsWith('```')) {
        snippets.push({
          file: relative(join(docsDir, '..'), file),
          line: start + 1,
          code: lines.slice(start + 1, index).join('\n'),
        });
        start = -1;
      }
    }
  }
  return snippets;
}

describe('docs snippets', () => {
  it('every TypeScript snippet in docs/ and the README type-checks', () => {
    const snippets = extractSnippets();
    expect(snippets.length).toBeGreaterThan(0);
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    const names = new Map<string, string>();
    const fileNames = snippets.map((snippet, index) => {
      const name = join(outDir, `snippet-${index}.ts`);
      writeFileSync(name, `${snippet.code}\nexport {};\n`);
      names.set(name, `${snippet.file}:${snippet.line}`);
      return name;
    });
    const packages = join(docsDir, '..', 'packages');
    const program = ts.createProgram(fileNames, {
      target: ts.ScriptTarget.ES2024,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      noUncheckedIndexedAccess: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [join(docsDir, '..', 'node_modules', '@types')],
      paths: {
        '@aftersale/testkit/*': [join(packages, 'testkit', 'src', '*.ts')],
        '@aftersale/*': [join(packages, '*', 'src', 'index.ts')],
      },
    });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((diagnostic) => diagnostic.file && names.has(diagnostic.file.fileName))
      .map((diagnostic) => {
        const file = diagnostic.file as ts.SourceFile;
        const { line } = file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
        return `${names.get(file.fileName)} (+${line + 1}): ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
      });
    expect(problems).toEqual([]);
  });
});
