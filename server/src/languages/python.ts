import type { SourceDocument } from '../engine/sourceDocument';

/** Placeholder until the python rule pack lands: the pack replaces this model and parser. */
export interface PythonModel {
  text: string;
}

export function parsePython(document: SourceDocument): PythonModel {
  return { text: document.text };
}
