import type { SourceDocument } from '../engine/sourceDocument';
import type { FileKind } from '../engine/types';
import { parseCompose, type ComposeModel } from './compose';
import { parseDockerfile, type DockerfileModel } from './dockerfile';
import { parseEnv, type EnvModel } from './env';
import { parseMarkdown, type MarkdownModel } from './markdown';
import { parsePython, type PythonModel } from './python';
import { parseRequirements, type RequirementsModel } from './requirements';

/** What each file kind parses to; rules of that kind receive it as `context.parsed`. */
export interface ParsedByKind {
  dockerfile: DockerfileModel;
  compose: ComposeModel;
  python: PythonModel;
  requirements: RequirementsModel;
  markdown: MarkdownModel;
  env: EnvModel;
  /** Shell scripts, manifests and the config file are judged on their text and path alone. */
  shell: undefined;
  manifest: undefined;
  'plumbline-config': undefined;
  protected: undefined;
}

const parsers: { [K in FileKind]: (document: SourceDocument) => ParsedByKind[K] } = {
  dockerfile: parseDockerfile,
  compose: parseCompose,
  python: parsePython,
  requirements: parseRequirements,
  markdown: parseMarkdown,
  env: parseEnv,
  shell: () => undefined,
  manifest: () => undefined,
  'plumbline-config': () => undefined,
  protected: () => undefined,
};

const kindsParsed = new Set<FileKind>();

/** Parses a document as a kind once; rules, facts and fixes of one lint share the result. */
export function parseAs<K extends FileKind>(kind: K, document: SourceDocument): ParsedByKind[K] {
  const parse = parsers[kind];
  return document.derive(parse, () => {
    kindsParsed.add(kind);
    return parse(document);
  });
}

/** The kinds this process has parsed so far (the CLI's code cache records them). */
export function parsedKinds(): ReadonlySet<FileKind> {
  return kindsParsed;
}
