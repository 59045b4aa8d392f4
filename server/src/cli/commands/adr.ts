import { ADR_TEMPLATES, generateAdrIndex, isoDate, newAdr, supersedeAdr, type AdrReference, type AdrTemplateName } from '../../workflows/adr';
import { applyChangesToDisk } from '../../workflows/diskChanges';
import { adrFolderOnDisk, adrListingFromDisk, createAdrOnDisk } from '../../workflows/projectFiles';
import { parseCommandArgs } from '../args';
import { EXIT_OK, UsageError, type CliIo } from '../command';
import { actionCommand, displayPath } from './actions';

const USAGE = `Usage: plumbline adr new "Title" [--template madr|nygard]
       plumbline adr supersede N "Title" [--template madr|nygard]
       plumbline adr index

new        Creates NNNN-title-slug.md in the ADR folder, numbered one past the
           highest existing record (YYYYMMDD-title-slug.md, today's date, in
           a log4brains folder), with status Proposed and today's date.
           Template: the folder's templates/template.md when there is one,
           else the template most of the folder's records follow (Nygard,
           MADR with front matter, or MADR/log4brains with a status list),
           else MADR 4.0; --template picks MADR or Nygard (adr-tools) instead.
supersede  Creates a new record that "Supersedes" record N and sets record
           N's status to "Superseded by" the new one. A record that already
           has a "Superseded by" link is refused (exit status 1): supersede
           its successor instead. In a dated folder, N is the file name.
index      Writes the table of records (number, title, status, date) into the
           folder's README.md between marker comments; text around the
           markers is kept, and a current index is left untouched.

The ADR folder is "paths.adr" from .plumbline.yaml, else the one named in
adr-tools' .adr-dir, else log4brains' adrFolder from .log4brains.yml (the
package's folder when run inside a package), else the first of doc/adr,
docs/adr, docs/decisions, doc/architecture/decisions and
docs/architecture/decisions that holds Markdown, else docs/adr (created).
Existing files are never overwritten.

Exit status: 0 on success, 1 when the records' state forbids the change
(superseding a record that is already superseded), 2 for bad arguments
(missing title, unknown template, a record that does not exist).

Examples:
  plumbline adr new "Use PostgreSQL for billing"
  plumbline adr new "Use gRPC internally" --template nygard
  plumbline adr supersede 2 "Use Redis Streams for background jobs"
  plumbline adr index
`;

function templateOption(value: string | undefined): AdrTemplateName | undefined {
  if (value === undefined) return undefined;
  if ((ADR_TEMPLATES as readonly string[]).includes(value)) return value as AdrTemplateName;
  throw new UsageError(`plumbline adr: unknown template "${value}"; use ${ADR_TEMPLATES.join(' or ')}.`);
}

function titleOf(words: string[], action: string): string {
  const title = words.join(' ').trim();
  if (!title)
    throw new UsageError(
      `plumbline adr ${action}: give the decision's title, e.g. plumbline adr ${action}${action === 'supersede' ? ' 2' : ''} "Use PostgreSQL for billing".`,
    );
  return title;
}

function create(args: string[], io: CliIo, action: 'new' | 'supersede'): number {
  const { values, positionals } = parseCommandArgs(`adr ${action}`, args, { template: { type: 'string' } });
  const template = templateOption(values.template);
  let old: AdrReference | undefined;
  if (action === 'supersede') {
    const raw = positionals.shift();
    if (raw === undefined || !/^[\w.-]+$/.test(raw)) {
      throw new UsageError('plumbline adr supersede: give the number of the record to supersede (its file name in a dated folder), then the new title.');
    }
    old = /^\d+$/.test(raw) ? Number(raw) : raw;
  }
  const request = { title: titleOf(positionals, action), date: isoDate(new Date()), template };
  const folder = adrFolderOnDisk(io.cwd);
  const creation = createAdrOnDisk(folder, (listing, number) =>
    old === undefined ? newAdr(listing, request, number) : supersedeAdr(listing, old, request, number),
  );
  io.stdout(`Created ${displayPath(io, creation.path)}\n`);
  for (const change of creation.changes) if (change.kind === 'edit') io.stdout(`Updated ${displayPath(io, change.path)}\n`);
  return EXIT_OK;
}

function index(args: string[], io: CliIo): number {
  parseCommandArgs('adr index', args, {});
  const folder = adrFolderOnDisk(io.cwd);
  const update = generateAdrIndex(adrListingFromDisk(folder));
  if (update.changes.length === 0) {
    io.stdout(`${displayPath(io, update.path)} is up to date.\n`);
    return EXIT_OK;
  }
  applyChangesToDisk(update.changes);
  io.stdout(`${update.changes[0]!.kind === 'create' ? 'Created' : 'Updated'} ${displayPath(io, update.path)}\n`);
  return EXIT_OK;
}

export const adrCommand = actionCommand('adr', 'Create (new), supersede or index architecture decision records.', USAGE, {
  new: (args, io) => create(args, io, 'new'),
  supersede: (args, io) => create(args, io, 'supersede'),
  index,
});
