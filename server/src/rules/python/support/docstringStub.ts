/**
 * Docstring stubs for PL301's fix. Every placeholder starts with the same
 * marker so that PL308 keeps reporting a stub until an author has replaced it.
 */
import type { FunctionFlow, PyParameter } from './definitions';

export const STUB_MARKER = 'TODO:';
export type DocstringStyle = 'google' | 'numpy' | 'sphinx';
export const DOCSTRING_STYLES: readonly DocstringStyle[] = ['google', 'numpy', 'sphinx'];

export interface StubSubject {
  summary: string;
  parameters?: readonly PyParameter[];
  flow?: FunctionFlow;
}

function describe(what: string): string {
  return `${STUB_MARKER} Describe ${what}.`;
}

function googleSections(parameters: readonly PyParameter[], flow: FunctionFlow | undefined): string[][] {
  const sections: string[][] = [];
  if (parameters.length) sections.push(['Args:', ...parameters.map((p) => `    ${p.prefix}${p.name}: ${describe(p.name)}`)]);
  if (flow?.yields) sections.push(['Yields:', `    ${describe('the values yielded')}`]);
  else if (flow?.returnsValue) sections.push(['Returns:', `    ${describe('the return value')}`]);
  if (flow?.raises.length) sections.push(['Raises:', ...flow.raises.map((name) => `    ${name}: ${STUB_MARKER} Say when.`)]);
  return sections;
}

function numpySection(title: string, entries: string[]): string[] {
  return [title, '-'.repeat(title.length), ...entries];
}

function numpySections(parameters: readonly PyParameter[], flow: FunctionFlow | undefined): string[][] {
  const sections: string[][] = [];
  if (parameters.length) {
    sections.push(
      numpySection(
        'Parameters',
        parameters.flatMap((p) => [`${p.prefix}${p.name}`, `    ${describe(p.name)}`]),
      ),
    );
  }
  if (flow?.yields) sections.push(numpySection('Yields', [describe('the values yielded')]));
  else if (flow?.returnsValue) sections.push(numpySection('Returns', [describe('the return value')]));
  if (flow?.raises.length)
    sections.push(
      numpySection(
        'Raises',
        flow.raises.flatMap((name) => [name, `    ${STUB_MARKER} Say when.`]),
      ),
    );
  return sections;
}

function sphinxSections(parameters: readonly PyParameter[], flow: FunctionFlow | undefined): string[][] {
  const fields = parameters.map((p) => `:param ${p.prefix}${p.name}: ${describe(p.name)}`);
  if (flow?.yields) fields.push(`:yields: ${describe('the values yielded')}`);
  else if (flow?.returnsValue) fields.push(`:returns: ${describe('the return value')}`);
  for (const name of flow?.raises ?? []) fields.push(`:raises ${name}: ${STUB_MARKER} Say when.`);
  return fields.length ? [fields] : [];
}

const SECTION_WRITERS: Record<DocstringStyle, typeof googleSections> = {
  google: googleSections,
  numpy: numpySections,
  sphinx: sphinxSections,
};

/** The stub's lines, without indentation: a one-liner when there is nothing but the summary. */
export function docstringStub(style: DocstringStyle, subject: StubSubject): string[] {
  const summary = `${STUB_MARKER} ${subject.summary}`;
  const sections = SECTION_WRITERS[style](subject.parameters ?? [], subject.flow);
  if (sections.length === 0) return [`"""${summary}"""`];
  return [`"""${summary}`, ...sections.flatMap((section) => ['', ...section]), '"""'];
}

/** The stub as text to insert at the start of a line: each line indented, blank lines left empty. */
export function indentStub(lines: readonly string[], indent: string, eol: string): string {
  return lines.map((line) => (line ? indent + line : '')).join(eol) + eol;
}
