import { defineRule } from '../../engine/rule';
import { FILE_KINDS } from '../../engine/types';
import { uncommittedChanges, type GitChange } from './support/gitStatus';

const CHANGE_WORDS: Record<GitChange, string> = {
  staged: 'staged in the git index',
  modified: 'modified in the working tree',
  untracked: 'new and not yet committed',
};

export const protectedFile = defineRule({
  meta: {
    code: 'PL508',
    name: 'policy/protected-file',
    summary: 'A protected file (MCP server configuration by default) with uncommitted changes.',
    severity: 'warning',
    policy: 'MCP servers and their configuration are never modified without explicit authorization.',
    fixable: 'no',
    kinds: FILE_KINDS,
    docs: {
      language: 'text',
      rationale:
        "An MCP server definition decides which tools an AI assistant may run, with which credentials and against which systems. A change to it — a new server, a wider file-system root, a different command — changes what an agent can do on every developer's machine, so the policy asks for explicit authorization before it lands. The warning appears the moment such a file has uncommitted changes, in the editor (on save) and in `plumbline check`, so the change is not committed unnoticed; it never blocks writing the file.",
      bad: `$ git status --short
 M .mcp.json
$ plumbline check
.mcp.json:1:1: warning PL508 ".mcp.json" is a protected file (policy: MCP servers and their configuration are never modified without explicit authorization) and is modified in the working tree; get explicit authorization before committing the change.
`,
      good: `$ git status --short
$ plumbline check      # the committed, authorized .mcp.json: nothing to report

# .plumbline.yaml: the protected list (these are the defaults)
protected:
  - "**/.mcp.json"
  - "**/mcp.json"
  - "**/mcp/**/*.{json,yaml,yml,sh}"
`,
      peers:
        'No linter watches for changes to designated files; CODEOWNERS and branch protection enforce review after the fact, on the server. PL508 warns before the commit. Protected files are the `protected:` globs of `.plumbline.yaml` (relative to it; the list replaces the defaults `**/.mcp.json`, `**/mcp.json`, `**/mcp/**/*.{json,yaml,yml,sh}`). A protected file is reported once, at its first line, when `git status` shows it staged, modified or new (untracked); unchanged files, ignored files and workspaces that are no git repository get nothing. git runs without a shell, from an absolute PATH entry outside the workspace; its answer is refreshed when the index reports a change to the file (a save) and at the latest every five seconds. With a base ref (`plumbline check --changed-since <ref>`, or the editor setting `plumbline.changedSince`), a protected file whose committed changes since that ref are not merged yet is reported too ("changed since <ref>").',
    },
  },
  check(context) {
    const { document, config, index } = context;
    if (!config.classifier.isProtected(context.relativePath)) return;
    const uncommitted = (uncommittedChanges(index, document.path) ?? []).map((change) => CHANGE_WORDS[change]);
    // With a base ref (`--changed-since`), committed changes count too: they have not been merged yet.
    const sinceBase = uncommitted.length === 0 && index.changes?.files.has(document.path) ? [`changed since ${index.changes.ref}`] : [];
    const states = [...uncommitted, ...sinceBase];
    if (states.length === 0) return;
    context.report({
      message: `"${context.relativePath}" is a protected file (policy: MCP servers and their configuration are never modified without explicit authorization) and is ${states.join(' and ')}; get explicit authorization before ${sinceBase.length > 0 ? 'merging' : 'committing'} the change.`,
      range: document.lineRange(0),
    });
  },
});
