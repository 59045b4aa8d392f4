import type { SeededRandom } from '../lib/inputs';

const TYPES = ['int', 'str', 'float', 'bytes', 'list[str]', 'dict[str, int]'];

function functionLines(random: SeededRandom, name: string, indent: string, method: boolean): string[] {
  const parameters = Array.from({ length: random.int(0, 3) }, (_, i) => (random.chance(0.7) ? `arg${i}: ${random.pick(TYPES)}` : `arg${i}`));
  if (method) parameters.unshift('self');
  const annotated = random.chance(0.7);
  const lines = [`${indent}def ${name}(${parameters.join(', ')})${annotated ? ' -> int' : ''}:`];
  const body = `${indent}    `;
  if (random.chance(0.75)) lines.push(`${body}"""Compute the ${name.replace(/_/g, ' ')} result."""`);
  lines.push(`${body}total = 0`);
  for (let i = random.int(2, 8); i > 0; i--) {
    switch (random.int(0, 5)) {
      case 0:
        lines.push(`${body}for item in range(${random.int(2, 50)}):`, `${body}    total += item * ${random.int(1, 9)}`);
        break;
      case 1:
        lines.push(`${body}try:`, `${body}    total += int("${random.int(0, 999)}")`, `${body}except ValueError:`, `${body}    logger.warning("bad number")`);
        break;
      case 2:
        lines.push(`${body}if total > ${random.int(10, 1000)}:`, `${body}    print("large total", total)`);
        break;
      case 3:
        lines.push(`${body}values = [value ** 2 for value in range(${random.int(2, 20)}) if value % 2]`, `${body}total += sum(values)`);
        break;
      case 4:
        lines.push(`${body}# TODO: cache this lookup`, `${body}total += len(str(total))`);
        break;
      default:
        lines.push(`${body}with open(__file__, encoding="utf-8") as handle:`, `${body}    total += len(handle.readline())`);
    }
  }
  lines.push(`${body}return total`, '');
  return lines;
}

/** A realistic module of about `targetLines` lines: imports, classes with methods, functions, some violations. */
export function generatePythonModule(random: SeededRandom, targetLines: number): string {
  const lines = [
    '"""Generated benchmark module: billing reconciliation helpers."""',
    '',
    'import logging',
    'import os',
    'from dataclasses import dataclass',
    '',
    'logger = logging.getLogger(__name__)',
    '',
  ];
  let counter = 0;
  while (lines.length < targetLines) {
    if (random.chance(0.4)) {
      const name = `Reconciler${counter++}`;
      lines.push('', '@dataclass', `class ${name}:`);
      if (random.chance(0.7)) lines.push(`    """Reconcile ledger batch ${counter}."""`);
      lines.push('', '    account: str', '    limit: int = 10', '');
      for (let i = random.int(1, 4); i > 0; i--) lines.push(...functionLines(random, `step_${counter}_${i}`, '    ', true));
    } else {
      lines.push('', ...functionLines(random, `compute_${counter++}`, '', false));
    }
  }
  return `${lines.join('\n')}\n`;
}
