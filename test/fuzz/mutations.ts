/**
 * Inputs for the fuzzer as fast-check values: a base text (a seed file or a
 * text generated from the kind's tokens) and a short list of mutations. Both
 * are plain data, so fast-check shrinks a failing input to fewer and smaller
 * mutations and prints it with its seed.
 */
import fc from 'fast-check';
import type { FuzzKind } from './kinds';

export type Mutation =
  | { op: 'replace'; at: number; text: string }
  | { op: 'insert'; at: number; text: string }
  | { op: 'deleteLine'; line: number }
  | { op: 'duplicateLine'; line: number }
  | { op: 'swapLines'; a: number; b: number }
  | { op: 'splice'; at: number; donor: number; from: number; length: number }
  | { op: 'truncate'; at: number }
  | { op: 'lineEndings'; style: 'crlf' | 'cr' | 'mixed' }
  | { op: 'bom' }
  | { op: 'repeat'; at: number; unit: string; times: number }
  | { op: 'tabIndent'; line: number };

export type Base = { seed: number } | { generated: string[] };

export interface FuzzInput {
  base: Base;
  mutations: Mutation[];
}

/** Characters that parsers and position arithmetic get wrong: NUL, lone surrogates, odd line breaks, BOM. */
const SPECIAL_CHARACTERS = [
  '\0',
  '\uD800',
  '\uDC00',
  '\uD83D\uDE00',
  '\t',
  '\r',
  '\n',
  '\r\n',
  '\u2028',
  '\u2029',
  '\u0085',
  '\uFEFF',
  '\u00A0',
  '\u200B',
  ' ',
  '\\',
  '\x7F',
  '\u00E9',
  '\u0301',
];
/** Units that, repeated, make deep nesting or very long lines. */
const NESTING_UNITS = ['- ', '(', '[', '{', '> ', '    ', '\t', '-', 'a', ' ', '#', '`', '*', '\\\n', '\n'];
const MAX_TEXT_LENGTH = 400_000;

const position = fc.nat({ max: 1 << 20 });

function mutation(kind: FuzzKind, donors: number): fc.Arbitrary<Mutation> {
  const fragment = fc.oneof(fc.constantFrom(...SPECIAL_CHARACTERS), fc.constantFrom(...kind.tokens), fc.string({ maxLength: 4, unit: 'binary' }));
  return fc.oneof(
    fc.record({ op: fc.constant('replace' as const), at: position, text: fragment }),
    fc.record({ op: fc.constant('insert' as const), at: position, text: fragment }),
    fc.record({ op: fc.constant('deleteLine' as const), line: position }),
    fc.record({ op: fc.constant('duplicateLine' as const), line: position }),
    fc.record({ op: fc.constant('swapLines' as const), a: position, b: position }),
    fc.record({
      op: fc.constant('splice' as const),
      at: position,
      donor: fc.nat({ max: Math.max(0, donors - 1) }),
      from: position,
      length: fc.nat({ max: 400 }),
    }),
    fc.record({ op: fc.constant('truncate' as const), at: position }),
    fc.record({ op: fc.constant('lineEndings' as const), style: fc.constantFrom('crlf' as const, 'cr' as const, 'mixed' as const) }),
    fc.constant({ op: 'bom' as const }),
    fc.record({
      op: fc.constant('repeat' as const),
      at: position,
      unit: fc.oneof(fc.constantFrom(...NESTING_UNITS), fc.constantFrom(...kind.tokens)),
      times: fc.oneof(fc.integer({ min: 2, max: 64 }), fc.integer({ min: 500, max: 5000 })),
    }),
    fc.record({ op: fc.constant('tabIndent' as const), line: position }),
  );
}

export function fuzzInput(kind: FuzzKind, donors: number): fc.Arbitrary<FuzzInput> {
  const base: fc.Arbitrary<Base> = fc.oneof(
    { weight: 3, arbitrary: fc.record({ seed: fc.nat({ max: kind.seeds.length - 1 }) }) },
    { weight: 1, arbitrary: fc.record({ generated: fc.array(fc.constantFrom(...kind.tokens), { maxLength: 40 }) }) },
  );
  return fc.record({ base, mutations: fc.array(mutation(kind, donors), { maxLength: 6 }) });
}

function splitLines(text: string): string[] {
  return text.split(/(?<=\n)/);
}

function apply(text: string, mutation: Mutation, donors: readonly string[]): string {
  const at = (offset: number) => offset % (text.length + 1);
  const lines = splitLines(text);
  const lineIndex = (line: number) => line % Math.max(1, lines.length);
  switch (mutation.op) {
    case 'replace': {
      const start = at(mutation.at);
      return text.slice(0, start) + mutation.text + text.slice(start + mutation.text.length);
    }
    case 'insert':
      return text.slice(0, at(mutation.at)) + mutation.text + text.slice(at(mutation.at));
    case 'deleteLine':
      lines.splice(lineIndex(mutation.line), 1);
      return lines.join('');
    case 'duplicateLine': {
      const index = lineIndex(mutation.line);
      lines.splice(index, 0, lines[index] ?? '');
      return lines.join('');
    }
    case 'swapLines': {
      const a = lineIndex(mutation.a);
      const b = lineIndex(mutation.b);
      [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
      return lines.join('');
    }
    case 'splice': {
      const donor = donors[mutation.donor % donors.length] ?? '';
      const from = mutation.from % (donor.length + 1);
      return text.slice(0, at(mutation.at)) + donor.slice(from, from + mutation.length) + text.slice(at(mutation.at));
    }
    case 'truncate':
      return text.slice(0, at(mutation.at));
    case 'lineEndings': {
      const lf = text.replace(/\r\n?/g, '\n');
      if (mutation.style === 'crlf') return lf.replace(/\n/g, '\r\n');
      if (mutation.style === 'cr') return lf.replace(/\n/g, '\r');
      let count = 0;
      return lf.replace(/\n/g, () => (count++ % 2 ? '\r\n' : '\n'));
    }
    case 'bom':
      return '\uFEFF' + text;
    case 'repeat': {
      const times = Math.min(mutation.times, Math.floor(MAX_TEXT_LENGTH / Math.max(1, mutation.unit.length)));
      return text.slice(0, at(mutation.at)) + mutation.unit.repeat(times) + text.slice(at(mutation.at));
    }
    case 'tabIndent': {
      const index = lineIndex(mutation.line);
      lines[index] = (lines[index] ?? '').replace(/^ +/, (spaces) => '\t'.repeat(Math.ceil(spaces.length / 4)));
      return lines.join('');
    }
  }
}

/** The text an input stands for. */
export function materialise(kind: FuzzKind, input: FuzzInput, donors: readonly string[]): string {
  let text = 'seed' in input.base ? kind.seeds[input.base.seed]! : input.base.generated.join('');
  for (const mutation of input.mutations) {
    text = apply(text, mutation, donors);
    if (text.length > MAX_TEXT_LENGTH) text = text.slice(0, MAX_TEXT_LENGTH);
  }
  return text;
}
