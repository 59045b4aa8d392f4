/**
 * What the CHANGELOG/ADR palette commands and their server commands agree
 * on. No runtime dependencies, so the VS Code client can bundle it.
 */

export const MARKDOWN_SERVER_COMMANDS = {
  createChangelog: 'plumbline.server.createChangelog',
  addChangelogEntry: 'plumbline.server.addChangelogEntry',
  newAdr: 'plumbline.server.newAdr',
  supersedeAdr: 'plumbline.server.supersedeAdr',
  generateAdrIndex: 'plumbline.server.generateAdrIndex',
  listAdrs: 'plumbline.server.listAdrs',
} as const;

/** Where the client opens a document and puts the cursor; `applied: false` when the edit was refused. */
export interface CommandLocation {
  uri: string;
  line: number;
  character: number;
  applied: boolean;
  /** The file already existed and was opened instead of created. */
  existed?: boolean;
}

export interface AdrSummary {
  /** The record's number; undefined in a dated (log4brains) folder. */
  number: number | undefined;
  /** The file name without `.md`: what names a dated record to the supersede command. */
  id: string;
  title: string;
  status: string;
  uri: string;
}
