/**
 * What the Plumbline server and its VS Code client agree on beyond LSP. No
 * imports: the client bundle includes this file.
 */

/** Server → client: what the status item shows. */
export const STATUS_NOTIFICATION = 'plumbline/status';

export interface StatusParams {
  /** The server is scanning or checking the workspace. */
  busy: boolean;
  /** Rules enabled by the configuration of the first workspace folder. */
  ruleCount: number;
  /**
   * What the user must know, one line each, details in the output: a
   * configuration with problems (until it is fixed), a rule that failed.
   */
  alerts: string[];
}

/** Opens a rule's documentation page; argument: the rule's code. */
export const SHOW_DOCUMENTATION_COMMAND = 'plumbline.showDocumentation';

/** The code action kind that `editor.codeActionsOnSave` asks for. */
export const FIX_ALL_KIND = 'source.fixAll.plumbline';
