import type { SourceDocument } from '../engine/sourceDocument';

/** Placeholder until the compose rule pack lands: the pack replaces this model and parser. */
export interface ComposeModel {
  text: string;
}

export function parseCompose(document: SourceDocument): ComposeModel {
  return { text: document.text };
}
