import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** One module's imports: other modules of the tree (by path from its root) and packages. */
export interface ModuleImports {
  readonly modules: readonly string[];
  readonly packages: readonly string[];
}

// `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`, type-only ones too:
// a type cycle still ties two modules' designs together.
const SPECIFIERS =
  /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The import graph of a folder of TypeScript sources, keyed by path from `root` (`stages/load.ts`). */
export function importGraph(root: string): Map<string, ModuleImports> {
  const sources = new Map<string, string>();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) sources.set(relative(root, path), readFileSync(path, 'utf8'));
    }
  };
  walk(root);
  return graphOf(sources);
}

/** The import graph of sources given by path (`stages/load.ts` → its text). */
export function graphOf(sources: ReadonlyMap<string, string>): Map<string, ModuleImports> {
  const graph = new Map<string, ModuleImports>();
  for (const [path, text] of sources) {
    const modules: string[] = [];
    const packages: string[] = [];
    for (const match of text.matchAll(SPECIFIERS)) {
      const specifier = match[1] ?? match[2] ?? match[3] ?? '';
      if (!specifier.startsWith('.')) packages.push(specifier);
      else modules.push(relative('/', resolve('/', dirname(path), specifier.replace(/\.js$/, '.ts'))));
    }
    graph.set(path, { modules, packages });
  }
  return graph;
}

/** Every rule of the code's shape a graph breaks, one line each. */
export function architectureProblems(graph: ReadonlyMap<string, ModuleImports>): string[] {
  const problems: string[] = [];
  for (const [path, { modules, packages }] of graph) {
    if (path.startsWith('stages/')) {
      for (const target of modules)
        if (target.startsWith('pipeline/'))
          problems.push(`${path} imports ${target}: a stage never reaches back into the pipeline`);
    }
    if (path.startsWith('model/')) {
      for (const target of modules)
        if (target.includes('/') && !target.startsWith('model/'))
          problems.push(`${path} imports ${target}: the model is shared types only, and depends on no stage`);
    }
    if (path !== 'pipeline/pipeline.ts' && modules.includes('pipeline/log.ts')) {
      problems.push(
        `${path} imports pipeline/log.ts: the build's log is the pipeline's own (a step returns its outcome)`,
      );
    }
    if (!path.startsWith('browser/')) {
      for (const name of packages)
        if (name === 'puppeteer' || name.startsWith('puppeteer-core') || name.startsWith('puppeteer/'))
          problems.push(`${path} imports ${name}: the browser lives in browser/ only`);
    }
  }
  return [...problems, ...cycles(graph).map((cycle) => `import cycle: ${cycle.join(' -> ')}`)];
}

/** The import cycles of a graph, each from its first module back to it. */
export function cycles(graph: ReadonlyMap<string, ModuleImports>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (module: string): void => {
    state.set(module, 'open');
    path.push(module);
    for (const target of graph.get(module)?.modules ?? []) {
      if (!graph.has(target)) continue;
      if (state.get(target) === 'open') found.push([...path.slice(path.indexOf(target)), target]);
      else if (state.get(target) === undefined) visit(target);
    }
    path.pop();
    state.set(module, 'done');
  };
  for (const module of [...graph.keys()].sort()) if (state.get(module) === undefined) visit(module);
  return found;
}
