import type { SourceDocument } from '../engine/sourceDocument';

/** Placeholder until the markdown rule pack lands: the pack replaces this model and parser. */
export interface MarkdownModel {
  text: string;
}

export function parseMarkdown(document: SourceDocument): MarkdownModel {
  return { text: document.text };
}
