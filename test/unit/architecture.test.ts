/**
 * The layering the code base keeps: no import cycles (type-only imports
 * included), and an engine that knows no rule and no workflow.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const repositoryRoot = path.resolve(__dirname, '..', '..');
const SOURCE_ROOTS = ['server/src', 'client/src'];

/** Repository-relative `/`-separated paths of the TypeScript files under a folder. */
function sourceFiles(folder: string): string[] {
  const absolute = path.join(repositoryRoot, folder);
  return fs
    .readdirSync(absolute, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .map((name) => path.posix.join(folder, name.split(path.sep).join('/')))
    .sort();
}

/** The file a relative specifier names (`./x` → `x.ts` or `x/index.ts`); undefined for packages and data files. */
function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.posix.join(path.posix.dirname(from), specifier);
  return [`${base}.ts`, `${base}/index.ts`].find((candidate) => fs.existsSync(path.join(repositoryRoot, candidate)));
}

/** Every file's relative imports, `import type` and `export … from` included. */
function importGraph(files: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = fs.readFileSync(path.join(repositoryRoot, file), 'utf8');
    const imported = ts.preProcessFile(text, true, true).importedFiles.map((reference) => resolveImport(file, reference.fileName));
    graph.set(file, [...new Set(imported.filter((target): target is string => target !== undefined))]);
  }
  return graph;
}

/** One cycle per strongly connected component of more than one file (or a file that imports itself), as a path. */
function cyclesOf(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  // Tarjan's algorithm, iterative so that a deep import chain cannot overflow the stack.
  const order = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  for (const start of graph.keys()) {
    if (order.has(start)) continue;
    const work: Array<{ file: string; next: number }> = [{ file: start, next: 0 }];
    order.set(start, order.size);
    lowLink.set(start, order.get(start)!);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = graph.get(frame.file) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++]!;
        if (!order.has(target)) {
          order.set(target, order.size);
          lowLink.set(target, order.get(target)!);
          stack.push(target);
          onStack.add(target);
          work.push({ file: target, next: 0 });
        } else if (onStack.has(target)) {
          lowLink.set(frame.file, Math.min(lowLink.get(frame.file)!, order.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) lowLink.set(parent.file, Math.min(lowLink.get(parent.file)!, lowLink.get(frame.file)!));
      if (lowLink.get(frame.file) !== order.get(frame.file)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.file);
      if (component.length > 1 || (graph.get(frame.file) ?? []).includes(frame.file)) components.push(component);
    }
  }
  return components.map((component) => cycleThrough(graph, new Set(component)));
}

/** A shortest import path from the component's first file back to itself, staying inside the component. */
function cycleThrough(graph: ReadonlyMap<string, readonly string[]>, component: ReadonlySet<string>): string[] {
  const first = [...component].sort()[0]!;
  const cameFrom = new Map<string, string>();
  const queue = [first];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const target of graph.get(file) ?? []) {
      if (!component.has(target) || cameFrom.has(target)) continue;
      cameFrom.set(target, file);
      if (target === first) {
        const cycle = [first];
        for (let at = cameFrom.get(first)!; at !== first; at = cameFrom.get(at)!) cycle.unshift(at);
        return [first, ...cycle];
      }
      queue.push(target);
    }
  }
  return [...component];
}

describe('architecture', () => {
  const graph = importGraph(SOURCE_ROOTS.flatMap(sourceFiles));

  it('finds the imports it checks', () => {
    assert.ok(graph.size > 100, `only ${graph.size} files under ${SOURCE_ROOTS.join(', ')}`);
    assert.ok(graph.get('server/src/rules/index.ts')?.includes('server/src/rules/docker/index.ts'));
  });

  it('has no import cycles in server/src and client/src (type-only imports count)', () => {
    const cycles = cyclesOf(graph).map((cycle) => cycle.join(' -> '));
    assert.deepEqual(cycles, [], `import cycles:\n${cycles.join('\n')}`);
  });

  it('keeps the engine and the format models free of rules and workflows', () => {
    const forbidden = Array.from(graph, ([file, targets]) =>
      targets
        .filter((target) => /^server\/src\/(engine|languages)\//.test(file) && /^server\/src\/(rules|workflows)\//.test(target))
        .map((target) => `${file} imports ${target}`),
    ).flat();
    assert.deepEqual(forbidden, []);
  });

  it('reports a cycle as a path, and a clean graph as none', () => {
    const cyclic = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
      ['e.ts', ['e.ts']],
    ]);
    assert.deepEqual(
      cyclesOf(cyclic)
        .map((cycle) => cycle.join(' -> '))
        .sort(),
      ['a.ts -> b.ts -> c.ts -> a.ts', 'e.ts -> e.ts'],
    );
    assert.deepEqual(
      cyclesOf(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', []],
        ]),
      ),
      [],
    );
  });
});
