import * as fs from 'node:fs';
import * as path from 'node:path';
import { SourceDocument } from '../../engine/sourceDocument';
import { CHANGELOG_FILE_NAME } from '../../languages/keepAChangelog';
import { addChangelogEntry, canonicalSection, changelogTemplate, SECTION_NAMES } from '../../workflows/changelog';
import { ChangeConflictError, applyChangesToDisk } from '../../workflows/diskChanges';
import { gitUserName } from '../../workflows/git';
import { nearestChangelog } from '../../workflows/projectFiles';
import { parseCommandArgs } from '../args';
import { findWorkspaceRoot } from '../checkRun';
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliIo } from '../command';
import { actionCommand, displayPath } from './actions';

const USAGE = `Usage: plumbline changelog init [DIR]
       plumbline changelog add --section <type> "text" [--file <CHANGELOG.md>] [--author <name>]

init  Creates DIR/CHANGELOG.md (default: the current directory) from the
      Keep a Changelog 1.1.0 template, with an "## [Unreleased]" section.
      An existing file is never overwritten.

add   Adds an entry under "## [Unreleased]" of the nearest CHANGELOG.md
      (searched from the current directory upwards), in the section of the
      given change type, which is created in Keep a Changelog's order if
      missing. The entry carries a UTC timestamp and the author from
      "git config user.name" when it is set.

Options:
  --section <type>  ${SECTION_NAMES.join(', ')}
  --file <path>     The changelog to add to, instead of the nearest one
  --author <name>   The author to record, instead of git's user.name
  -h, --help        Show this help

Exit status: 0 on success, 1 when the file to create exists or the changelog
to add to is missing, 2 for bad arguments.

Examples:
  plumbline changelog init services/billing
  plumbline changelog add --section Fixed "Retry budget no longer resets"
`;

function init(args: string[], io: CliIo): number {
  const { positionals } = parseCommandArgs('changelog init', args, {});
  if (positionals.length > 1) throw new UsageError('plumbline changelog init: give at most one directory.');
  const directory = path.resolve(io.cwd, positionals[0] ?? '.');
  if (fs.existsSync(directory) && !fs.statSync(directory).isDirectory()) {
    throw new UsageError(`plumbline changelog init: ${positionals[0]} is not a directory.`);
  }
  const target = path.join(directory, CHANGELOG_FILE_NAME);
  try {
    applyChangesToDisk([{ kind: 'create', path: target, content: changelogTemplate() }]);
  } catch (error) {
    if (!(error instanceof ChangeConflictError)) throw error;
    io.stderr(`${displayPath(io, target)} already exists; it was left as it is.\n`);
    return EXIT_PROBLEMS;
  }
  io.stdout(`Created ${displayPath(io, target)}\n`);
  return EXIT_OK;
}

function add(args: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs('changelog add', args, {
    section: { type: 'string' },
    file: { type: 'string' },
    author: { type: 'string' },
  });
  if (values.section === undefined) throw new UsageError(`plumbline changelog add: --section is required (${SECTION_NAMES.join(', ')}).`);
  const section = canonicalSection(values.section);
  if (!section) throw new UsageError(`plumbline changelog add: unknown section "${values.section}"; use ${SECTION_NAMES.join(', ')}.`);
  const text = positionals.join(' ').trim();
  if (!text) throw new UsageError('plumbline changelog add: give the entry text, e.g. plumbline changelog add --section Fixed "Crash on empty config".');
  const target = values.file ? path.resolve(io.cwd, values.file) : nearestChangelog(io.cwd);
  if (!target || !fs.existsSync(target)) {
    io.stderr(
      `${target ? displayPath(io, target) : 'No CHANGELOG.md here or above'}${target ? ' does not exist' : ''}; create one with "plumbline changelog init".\n`,
    );
    return EXIT_PROBLEMS;
  }
  const document = new SourceDocument(target, fs.readFileSync(target, 'utf8'));
  const author = values.author ?? gitUserName(path.dirname(target));
  const inserted = addChangelogEntry(document, { section, text, now: new Date(), author });
  // A symlinked CHANGELOG.md is written through and stays a link, unless it leads out of the workspace.
  const root = findWorkspaceRoot(path.dirname(target), path.dirname(target));
  try {
    applyChangesToDisk([{ kind: 'edit', path: target, edits: [inserted.edit] }], root);
  } catch (error) {
    if (!(error instanceof ChangeConflictError)) throw error;
    io.stderr(`${error.message}\n`);
    return EXIT_PROBLEMS;
  }
  io.stdout(`Added to ${section} in ${displayPath(io, target)}:${inserted.position.line + 1}\n`);
  return EXIT_OK;
}

export const changelogCommand = actionCommand('changelog', 'Create a CHANGELOG.md (init) or add an entry under Unreleased (add).', USAGE, { init, add });
