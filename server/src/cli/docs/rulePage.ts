import type * as Yaml from 'yaml';
import type { AnyRule, OptionSpec } from '../../engine/rule';
import { docsFileName } from '../../engine/rule';
import { commentStyleOf } from '../../engine/suppressions';
import type { FileKind, FixApplicability } from '../../engine/types';

const KIND_LABELS: Record<FileKind, string> = {
  dockerfile: 'Dockerfiles',
  compose: 'Compose files',
  python: 'Python files',
  requirements: 'pip requirements files',
  markdown: 'Markdown files',
  shell: 'shell scripts',
  manifest: 'package manifests',
  env: 'env files (`.env`, `.env.*`, `*.env`)',
  'plumbline-config': '`.plumbline.yaml`',
  protected: 'protected files',
};

const FIXABLE_LABELS: Record<AnyRule['meta']['fixable'], string> = {
  yes: 'yes',
  some: 'some problems',
  no: 'no',
};

const APPLICABILITY_MEANINGS: Record<FixApplicability, { what: string; bulk: string }> = {
  safe: { what: 'cannot change how the software runs', bulk: "applied by `plumbline check --fix` and the editor's fix-all" },
  unsafe: { what: 'can change how the software runs', bulk: 'applied in bulk only with `--unsafe-fixes` (or `fix: { unsafe: true }`), after review' },
  suggestion: { what: 'inserts text you still have to write', bulk: "offered in the editor's quick-fix menu, never applied in bulk" },
};
const EDITOR_ONLY = "it creates, moves or edits another file, so it is offered in the editor's quick-fix menu and never applied in bulk (`--fix`, fix-all)";

/** One line of a rule page's Fix section: what the applicability means, and where such a fix is applied. */
function applicabilityLine(meta: AnyRule['meta'], applicability: FixApplicability): string {
  const { what, bulk } = APPLICABILITY_MEANINGS[applicability];
  return `- **${applicability}**: ${what}; ${meta.fixChangesOtherFiles ? EDITOR_ONLY : bulk}.`;
}

/** The applicabilities as the rule tables and the page's header show them. */
function applicabilityLabel(meta: AnyRule['meta']): string {
  const label = fixApplicabilities(meta).join(', ');
  return label && meta.fixChangesOtherFiles ? `${label} (editor only)` : label;
}

/** The applicabilities of the rule's fixes, the rule's default first; empty without fixes. */
export function fixApplicabilities(meta: AnyRule['meta']): FixApplicability[] {
  if (meta.fixable === 'no') return [];
  return [meta.fixApplicability, ...(meta.otherFixApplicabilities ?? []).filter((other) => other !== meta.fixApplicability)];
}

/** The policy statement, relative to the repository root; rule pages link to its sections. */
export const POLICY_PATH = 'docs/policy.md';

/** The sections of docs/policy.md (their GitHub anchors) and the headings they have. */
export const POLICY_SECTIONS = {
  dockerfiles: 'Dockerfiles',
  'compose-services': 'Compose services',
  'python-code': 'Python code',
  dependencies: 'Dependencies',
  changelogs: 'Changelogs',
  'decision-records': 'Decision records',
  documentation: 'Documentation',
  'scripts-and-layout': 'Scripts and layout',
  'protected-files': 'Protected files',
  'configuration-and-suppressions': 'Configuration and suppressions',
} as const;

export type PolicySection = keyof typeof POLICY_SECTIONS;

/** The clause of the policy a rule enforces: by its family, with the exceptions inside PL3xx, PL4xx and PL5xx. */
export function policySectionOf(code: string): PolicySection {
  if (code === 'PL310') return 'dependencies';
  if (code === 'PL403' || code === 'PL404') return 'decision-records';
  if (code === 'PL405') return 'documentation';
  if (code === 'PL504' || code === 'PL505') return 'configuration-and-suppressions';
  if (code === 'PL508') return 'protected-files';
  const families: Record<string, PolicySection> = {
    '1': 'dockerfiles',
    '2': 'compose-services',
    '3': 'python-code',
    '4': 'changelogs',
    '5': 'scripts-and-layout',
  };
  return families[code.charAt(2)] ?? 'scripts-and-layout';
}

/** A fenced code block whose fence is longer than any backtick run inside. */
export function fenced(language: string, code: string): string {
  const longestRun = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${language}\n${code.endsWith('\n') ? code : `${code}\n`}${fence}`;
}

function tableCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n+/g, ' ');
}

function describeOptionType(spec: OptionSpec): string {
  switch (spec.type) {
    case 'string[]':
      return 'list of strings';
    case 'string':
      return spec.enum ? `one of ${spec.enum.map((value) => `\`${value}\``).join(', ')}` : 'string';
    case 'number':
      return spec.minimum === undefined ? 'number' : `number ≥ ${spec.minimum}`;
    default:
      return spec.type;
  }
}

function describeDefault(spec: OptionSpec): string {
  if (spec.type !== 'string[]') return `\`${JSON.stringify(spec.default)}\``;
  return spec.default.length === 0 ? 'none' : spec.default.map((item) => `\`${item}\``).join(', ');
}

/** YAML with lists in flow style (`[a, b]`), so long option defaults stay readable. */
function yamlWithFlowLists(value: unknown): string {
  // Required here: the bundles load yaml on first use (scripts/build.mjs), and a class cannot wait.
  const { Document, isSeq, visit } = require('yaml') as typeof Yaml;
  const document = new Document(value);
  visit(document, {
    Seq(_, node) {
      if (isSeq(node)) node.flow = true;
    },
  });
  return document.toString({ lineWidth: 200, flowCollectionPadding: false });
}

function defaultSeverity(meta: AnyRule['meta']): string {
  return meta.enabledByDefault === false ? `off (${meta.severity} when turned on)` : meta.severity;
}

function optionsSection(rule: AnyRule): string {
  const { code, severity } = rule.meta;
  const options = Object.entries(rule.meta.options ?? {});
  const settings: Record<string, unknown> = { severity };
  for (const [name, spec] of options) settings[name] = spec.default;
  const example = fenced('yaml', yamlWithFlowLists({ rules: { [code]: settings } }));
  if (options.length === 0) {
    return `This rule has no options; \`.plumbline.yaml\` sets only its severity (\`error\`, \`warning\`, \`info\`, \`hint\` or \`off\`):\n\n${example}`;
  }
  const rows = options.map(([name, spec]) => `| \`${name}\` | ${describeOptionType(spec)} | ${describeDefault(spec)} | ${tableCell(spec.description)} |`);
  return [
    '| Option | Type | Default | Description |',
    '|---|---|---|---|',
    ...rows,
    '',
    `Set them in \`.plumbline.yaml\` next to the severity (shown with the defaults):`,
    '',
    example,
  ].join('\n');
}

function suppressSection(rule: AnyRule): string {
  const { code, name } = rule.meta;
  const styles = new Set(rule.meta.kinds.map(commentStyleOf));
  const parts: string[] = [];
  if (styles.has('hash')) {
    parts.push(
      'In files with `#` comments, on the line above the problem, at the end of its line, or anywhere for the whole file:',
      '',
      fenced('text', `# plumbline: disable-next-line ${code} -- why this is fine here\n# plumbline: disable-line ${code}\n# plumbline: disable-file ${code}\n`),
      '',
    );
  }
  if (styles.has('html')) {
    parts.push(
      'In Markdown, with HTML comments:',
      '',
      fenced('markdown', `<!-- plumbline: disable-next-line ${code} -- why this is fine here -->\n<!-- plumbline: disable-file ${code} -->\n`),
      '',
    );
  }
  if (styles.has(undefined)) {
    parts.push('Package manifests have no comments to suppress a problem in; use the configuration below.', '');
  }
  parts.push(...peerSuppressionParagraph(rule));
  parts.push(
    `The rule name works in place of the code (\`${name}\`). A suppression that no longer suppresses anything is reported as PL505. To turn the rule off for the workspace, or for some paths, use \`.plumbline.yaml\`:`,
    '',
    fenced('yaml', `rules:\n  ${code}: off\nignore:\n  - legacy/**\n`),
  );
  return parts.join('\n');
}

/** pylint's message names (`bare-except`) and ids (`W0702`), as opposed to Ruff's and flake8's codes (`E722`). */
const PYLINT_CODE = /^[a-z]+(?:-[a-z]+)*$|^[CRWEF]\d{4}$/;

/** How the peer linters' own comments that name the same problem silence the rule (RuleMeta.peerCodes), for a page. */
function peerSuppressionParagraph(rule: AnyRule): string[] {
  const { peerCodes, kinds } = rule.meta;
  if (!peerCodes || peerCodes.length === 0) return [];
  const listed = (codes: readonly string[]) => codes.map((peerCode) => `\`${peerCode}\``).join(', ');
  if (kinds.includes('dockerfile')) {
    return [
      `hadolint's own comments silence this rule too when they name its rule for the same problem (${listed(peerCodes)}), above the instruction or for the whole file. They are hadolint's comments, so PL505 never reports them.`,
      '',
      fenced('text', `# hadolint ignore=${peerCodes[0]}\n# hadolint global ignore=${peerCodes[0]}\n`),
      '',
    ];
  }
  const pylint = peerCodes.filter((code) => PYLINT_CODE.test(code));
  const ruff = peerCodes.filter((code) => !PYLINT_CODE.test(code));
  const pylintSentence = pylint.length
    ? ` So does pylint's \`# pylint: disable=\` naming ${listed(pylint)}: at the end of a line for that line, on a line of its own for the rest of its block (and the header of the \`def\` or \`class\` whose body it opens), at the top level for the module; \`disable-next=\` for the next line.`
    : '';
  return [
    `The peer linters' own suppression comments silence this rule too when they name its rule for the same problem. Ruff's (or flake8's) \`# noqa:\` naming ${listed(ruff)} silences it at the end of the line, and \`# ruff: noqa:\` on a line of its own in the whole file; a bare \`# noqa\`, which names no rule, does not.${pylintSentence} They are the peers' comments, so PL505 never reports them.`,
    '',
    fenced('text', `# noqa: ${ruff[0]}\n# ruff: noqa: ${ruff[0]}\n${pylint.length ? `# pylint: disable=${pylint[0]}\n` : ''}`),
    '',
  ];
}

function examplesSection(rule: AnyRule): string {
  const { docs } = rule.meta;
  const where = docs.exampleFile ? ` (\`${docs.exampleFile}\`)` : '';
  return [`Reported${where}:`, '', fenced(docs.language, docs.bad), '', `Compliant${where}:`, '', fenced(docs.language, docs.good)].join('\n');
}

/** The rule's page under docs/rules/, generated from its meta. */
export function renderRulePage(rule: AnyRule): string {
  const { meta } = rule;
  const sections = [
    `# ${meta.code} ${meta.name}`,
    "<!-- Generated from the rule's meta by `npm run docs`; edit the rule module, not this page. -->",
    meta.summary,
    [
      '| | |',
      '|---|---|',
      `| Default severity | ${defaultSeverity(meta)} |`,
      `| Fixable | ${FIXABLE_LABELS[meta.fixable]} |`,
      `| Fix applicability | ${applicabilityLabel(meta) || '–'} |`,
      `| Checks | ${meta.kinds.map((kind) => KIND_LABELS[kind]).join(', ')} |`,
    ].join('\n'),
    '## Policy',
    `> ${meta.policy.replace(/\n/g, '\n> ')}`,
    `This rule enforces the clause [${POLICY_SECTIONS[policySectionOf(meta.code)]}](../policy.md#${policySectionOf(meta.code)}) of [the policy Plumbline enforces](../policy.md).`,
    '## Why',
    meta.docs.rationale,
    '## Examples',
    examplesSection(rule),
    '## Fix',
    meta.docs.fix ?? (meta.fixable === 'no' ? 'This rule has no automatic fix.' : 'The quick fix is offered in the editor.'),
    ...(meta.fixable === 'no'
      ? []
      : [
          fixApplicabilities(meta)
            .map((applicability) => applicabilityLine(meta, applicability))
            .join('\n'),
        ]),
    '## Options',
    optionsSection(rule),
    ...(meta.docs.peers ? ['## Peer tools', meta.docs.peers] : []),
    '## Suppressing',
    suppressSection(rule),
  ];
  return `${sections.join('\n\n')}\n`;
}

/** docs/rules/README.md: every rule in one table, each linking to its page. */
/** The rule table; `linkPrefix` is the path from the page that shows it to docs/rules/. */
export function renderRuleTable(rules: readonly AnyRule[], linkPrefix = ''): string {
  const rows = rules.map(({ meta }) => {
    const fix = meta.fixable === 'no' ? '–' : `${applicabilityLabel(meta)}${meta.fixable === 'some' ? ' (some problems)' : ''}`;
    return `| [${meta.code}](${linkPrefix}${docsFileName(meta)}) | \`${meta.name}\` | ${defaultSeverity(meta)} | ${fix} | ${tableCell(meta.summary)} |`;
  });
  return ['| Code | Name | Default | Fix | What it reports |', '|---|---|---|---|---|', ...rows].join('\n');
}

export function renderRuleIndex(rules: readonly AnyRule[]): string {
  return [
    '# Plumbline rules',
    '',
    "<!-- Generated from the rules' meta by `npm run docs`; do not edit by hand. -->",
    '',
    `${rules.length} rules. [The policy](../policy.md) says which clause each one enforces and what is out of scope. Severities and options are set in \`.plumbline.yaml\` (schema: [plumbline.schema.json](../../schemas/plumbline.schema.json)).`,
    '',
    renderRuleTable(rules),
    '',
  ].join('\n');
}
