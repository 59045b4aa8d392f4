import type { SourceDocument } from '../engine/sourceDocument';

/** Placeholder until the requirements rule pack lands: the pack replaces this model and parser. */
export interface RequirementsModel {
  text: string;
}

export function parseRequirements(document: SourceDocument): RequirementsModel {
  return { text: document.text };
}
