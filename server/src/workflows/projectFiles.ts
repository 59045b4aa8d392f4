/**
 * Reading what the workflows need from disk, for the CLI: the project root,
 * the ADR folder and its listing, the nearest CHANGELOG.md; and creating an
 * ADR safely when several processes do it at once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAMES } from '../engine/config';
import { Workspace } from '../engine/workspace';
import { builtinRules } from '../rules';
import { adrFolderFor, type AdrFolder, type AdrFolderProbe } from '../languages/adrRecord';
import { CHANGELOG_FILE_NAME } from '../languages/keepAChangelog';
import { ChangeConflictError, applyChangesToDisk } from './diskChanges';
import { padNumber, TEAM_TEMPLATE, WorkflowRefusal, type AdrCreation, type AdrFolderListing } from './adr';

const ROOT_MARKERS = [...CONFIG_FILE_NAMES, '.adr-dir', '.log4brains.yml', '.git'];
const MAX_NUMBER_ATTEMPTS = 50;

function readIfFile(filePath: string): string | undefined {
  try {
    return fs.readFileSync(filePath, 'utf8');
  } catch {
    return undefined;
  }
}

/** The nearest directory up from `cwd` with a .plumbline.yaml, .adr-dir, .log4brains.yml or .git; else `cwd`. */
export function projectRoot(cwd: string): string {
  for (let directory = path.resolve(cwd); ; directory = path.dirname(directory)) {
    if (ROOT_MARKERS.some((marker) => fs.existsSync(path.join(directory, marker)))) return directory;
    if (path.dirname(directory) === directory) return path.resolve(cwd);
  }
}

/** ADR discovery over the disk, for the CLI. */
const diskProbe: AdrFolderProbe = {
  readFile: readIfFile,
  markdownFiles(directory) {
    try {
      return fs.readdirSync(directory).filter((name) => /\.md$/i.test(name));
    } catch {
      return [];
    }
  },
};

/** The ADR folder of the project that `cwd` is in, found as the rules find it; the one that serves `cwd` when there are several. */
export function adrFolderOnDisk(cwd: string): AdrFolder {
  const root = projectRoot(cwd);
  const config = new Workspace({ root, registry: builtinRules }).configFor(path.join(root, CHANGELOG_FILE_NAME));
  return adrFolderFor(config, diskProbe, path.resolve(cwd));
}

export function adrListingFromDisk(folder: AdrFolder): AdrFolderListing {
  const files = diskProbe.markdownFiles(folder.path).flatMap((name) => {
    const text = readIfFile(path.join(folder.path, name));
    return text === undefined ? [] : [{ path: path.join(folder.path, name), text }];
  });
  return { folder: folder.path, idStyle: folder.idStyle, files, teamTemplate: readIfFile(path.join(folder.path, TEAM_TEMPLATE)) };
}

/** The nearest CHANGELOG.md from `cwd` up to the project root. */
export function nearestChangelog(cwd: string): string | undefined {
  const root = projectRoot(cwd);
  for (let directory = path.resolve(cwd); ; directory = path.dirname(directory)) {
    const candidate = path.join(directory, CHANGELOG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    if (directory === root || path.dirname(directory) === directory) return undefined;
  }
}

function claimNumber(folder: string, number: number): string | undefined {
  const claim = path.join(folder, `.plumbline-adr-${padNumber(number)}.claim`);
  try {
    fs.writeFileSync(claim, String(process.pid), { flag: 'wx' });
    return claim;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw error;
  }
}

/**
 * Creates a record with the next free number, safe against other processes
 * doing the same: a number is first claimed with an exclusive claim file,
 * then checked against the folder again, then the record is written with
 * `wx`; any collision moves on to the next number. A dated (log4brains)
 * record has no number to move on to: it is written with `wx` once.
 */
export function createAdrOnDisk(folder: AdrFolder, build: (listing: AdrFolderListing, number?: number) => AdrCreation): AdrCreation {
  fs.mkdirSync(folder.path, { recursive: true });
  const first = build(adrListingFromDisk(folder));
  if (first.number === undefined) {
    try {
      applyChangesToDisk(first.changes);
    } catch (error) {
      if (error instanceof ChangeConflictError) throw new WorkflowRefusal(error.message);
      throw error;
    }
    return first;
  }
  let number = first.number;
  for (let attempt = 0; attempt < MAX_NUMBER_ATTEMPTS; attempt++, number++) {
    const claim = claimNumber(folder.path, number);
    if (!claim) continue;
    try {
      const listing = adrListingFromDisk(folder);
      if (listing.files.some((file) => new RegExp(`^0*${number}-`).test(path.basename(file.path)))) continue;
      const creation = build(listing, number);
      try {
        applyChangesToDisk(creation.changes);
      } catch (error) {
        if (error instanceof ChangeConflictError) continue;
        throw error;
      }
      return creation;
    } finally {
      fs.rmSync(claim, { force: true });
    }
  }
  throw new Error(`Could not find a free ADR number in ${folder.path} after ${MAX_NUMBER_ATTEMPTS} attempts.`);
}
