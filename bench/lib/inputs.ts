import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDockerfileName } from '../../server/src/engine/fileKinds';
import { walkFiles } from '../../server/src/engine/fileSystem';

/** A small seeded generator so every run benchmarks the same inputs. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1) (mulberry32). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.next() * (maxInclusive - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }
}

/** Empties `directory` (it is always under the run's work directory) and writes the files given relative to it. */
export function writeTree(directory: string, files: Record<string, string>): string[] {
  fs.rmSync(directory, { recursive: true, force: true });
  return Object.entries(files).map(([relative, text]) => {
    const target = path.join(directory, relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
    return target;
  });
}

/** Files of the example workspace that `matches` accepts, keyed by their path relative to it. */
export function exampleFiles(repoRoot: string, matches: (relativePath: string) => boolean): Record<string, string> {
  const root = path.join(repoRoot, 'examples', 'demo-platform');
  if (!fs.existsSync(root)) return {};
  const found: Record<string, string> = {};
  for (const relative of walkFiles(root)) {
    if (matches(relative)) found[relative] = fs.readFileSync(path.join(root, relative), 'utf8');
  }
  return found;
}

/** `copies` copies of a tree side by side, under copy00/, copy01/… (the 16-copy workspaces of the scaling rows). */
export function replicate(files: Record<string, string>, copies: number): Record<string, string> {
  const replicated: Record<string, string> = {};
  for (let copy = 0; copy < copies; copy++) {
    for (const [relative, text] of Object.entries(files)) replicated[`copy${String(copy).padStart(2, '0')}/${relative}`] = text;
  }
  return replicated;
}

export function isDockerfilePath(relativePath: string): boolean {
  return isDockerfileName(path.posix.basename(relativePath));
}

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
