import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnyRule } from '../../engine/rule';
import { relativePosix } from '../../engine/fileSystem';
import type { Range, Severity, TextEdit } from '../../engine/types';
import type { CheckReport, ReportedDiagnostic } from '../checkRun';
import { renderRulePage } from '../docs/rulePage';
import { packageInfo, ruleDocsUri, rulesIndexUri } from '../packageInfo';
import { jsonWithStreamedArray, STREAMED_ARRAY } from './streamJson';

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  hint: 'note',
};

const SOURCE_ROOT = '%SRCROOT%';
const WORKSPACE_ROOT = 'WORKSPACEROOT';

/** A `/`-separated relative path as a URI reference: each segment percent-encoded. */
function relativeUri(relativePath: string): string {
  return relativePath.split('/').map(encodeURIComponent).join('/');
}

function region(range: Range) {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

function physicalLocation(uri: string, range: Range) {
  return { artifactLocation: { uri, uriBaseId: SOURCE_ROOT }, region: region(range) };
}

function sarifRule(rule: AnyRule) {
  const { meta } = rule;
  const helpUri = ruleDocsUri(meta);
  return {
    id: meta.code,
    name: meta.name,
    shortDescription: { text: meta.summary },
    fullDescription: { text: meta.policy },
    helpUri,
    help: { text: `${meta.summary}\n\n${meta.docs.rationale}\n\nSee ${helpUri}`, markdown: renderRulePage(rule) },
    defaultConfiguration: { level: SARIF_LEVEL[meta.severity], enabled: meta.enabledByDefault !== false },
    properties: {
      tags: [meta.name.split('/')[0]],
      fixable: meta.fixable,
      ...(meta.fixApplicability ? { fixApplicability: meta.fixApplicability } : {}),
    },
  };
}

function replacements(edits: readonly TextEdit[]) {
  return edits.map((edit) => ({ deletedRegion: region(edit.range), insertedContent: { text: edit.newText } }));
}

/** Skipped files and rules that crashed, as notifications code-scanning tools show next to the results. */
function invocation(report: CheckReport) {
  const notifications = [
    ...report.failures.map((failure) => ({
      level: 'error',
      message: { text: `Rule ${failure.code} failed; its problems in this file are missing. ${failure.message.split('\n')[0]}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: relativeUri(failure.file), uriBaseId: SOURCE_ROOT } } }],
      associatedRule: { id: failure.code },
    })),
    ...report.skipped.map((skipped) => ({
      level: 'note',
      message: { text: `Skipped: ${skipped.reason}.` },
      locations: [{ physicalLocation: { artifactLocation: { uri: relativeUri(skipped.file), uriBaseId: SOURCE_ROOT } } }],
    })),
  ];
  return {
    executionSuccessful: report.failures.length === 0,
    ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
  };
}

/** One problem as a SARIF result; fixes that edit other files (workspace changes) are left out. */
function sarifResult({ file, diagnostic }: ReportedDiagnostic, ruleIndex: ReadonlyMap<string, number>, cwd: string) {
  const uri = relativeUri(file);
  const documentFixes = (diagnostic.fixes ?? []).filter((fix) => fix.edits.length > 0 && !fix.workspaceChanges?.length);
  return {
    ruleId: diagnostic.code,
    ...(ruleIndex.has(diagnostic.code) ? { ruleIndex: ruleIndex.get(diagnostic.code) } : {}),
    level: SARIF_LEVEL[diagnostic.severity],
    message: { text: diagnostic.message },
    locations: [{ physicalLocation: physicalLocation(uri, diagnostic.range) }],
    ...(diagnostic.related?.length
      ? {
          relatedLocations: diagnostic.related.map((related, id) => ({
            id,
            message: { text: related.message },
            physicalLocation: physicalLocation(relativeUri(relativePosix(cwd, related.path)), related.range),
          })),
        }
      : {}),
    ...(documentFixes.length
      ? {
          fixes: documentFixes.map((fix) => ({
            description: { text: fix.title },
            artifactChanges: [{ artifactLocation: { uri, uriBaseId: SOURCE_ROOT }, replacements: replacements(fix.edits) }],
            ...(fix.applicability ? { properties: { applicability: fix.applicability } } : {}),
          })),
        }
      : {}),
  };
}

/**
 * `--format sarif`: SARIF 2.1.0 for code-scanning uploads. Every rule is
 * listed (so `ruleIndex` is stable across runs); file URIs are relative to
 * %SRCROOT%, the directory the command ran in; WORKSPACEROOT names the
 * workspace root. In pieces, results streamed
 * (see jsonWithStreamedArray): a large log is never one string.
 */
export function formatSarif(report: CheckReport, rules: readonly AnyRule[]): Iterable<string> {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.meta.code, index]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'plumbline',
            version: packageInfo().version,
            informationUri: rulesIndexUri(),
            rules: rules.map(sarifRule),
          },
        },
        invocations: [invocation(report)],
        originalUriBaseIds: {
          [SOURCE_ROOT]: { uri: pathToFileURL(report.cwd + path.sep).href },
          [WORKSPACE_ROOT]: {
            uri: pathToFileURL(report.root + path.sep).href,
            description: { text: 'The workspace root the run used: configuration and cross-file facts come from here.' },
          },
        },
        columnKind: 'utf16CodeUnits',
        results: STREAMED_ARRAY,
      },
    ],
  };
  return jsonWithStreamedArray(log, report.diagnostics, (reported) => sarifResult(reported, ruleIndex, report.cwd));
}
