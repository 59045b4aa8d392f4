import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnyRule } from '../engine/rule';
import type { IndexChange } from '../engine/workspaceIndex';
import type { SourceDocument } from '../engine/sourceDocument';
import { Workspace } from '../engine/workspace';
import { builtinRules } from '../rules';
import { FolderBaseline, FolderChanges } from './repositoryState';
import { DEFAULT_SETTINGS, type Settings } from './settings';

export interface Folder {
  root: string;
  settings: Settings;
  workspace: Workspace;
  /** Folders opened as workspace folders are scanned; a loose file's folder is not. */
  scanned: boolean;
  /** The folder's `.plumbline-baseline.json`: its accepted findings are not shown. */
  baseline: FolderBaseline;
  /** With `plumbline.changedSince`: what changed since that ref (also the index's change set, for PL406). */
  changes: FolderChanges | undefined;
}

/** The configuration file a folder's settings name, if any. */
export function configFileOf(root: string, settings: Settings): string | undefined {
  return settings.configFile ? path.resolve(root, settings.configFile) : undefined;
}

function isInside(root: string, filePath: string): boolean {
  return filePath === root || filePath.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/**
 * One engine `Workspace` per workspace folder, plus an unscanned one per
 * directory for files outside every folder. Open buffers are mirrored into
 * the index of the folder that holds them.
 */
export class Folders {
  private readonly folders = new Map<string, Folder>();
  private readonly looseFolders = new Map<string, Folder>();
  private readonly openDocuments = new Map<string, SourceDocument>();
  private applyingBufferText = false;

  constructor(
    private readonly rules: readonly AnyRule[],
    /** `typing` is true when the only change is an open buffer's new text. */
    private readonly onIndexChange: (folder: Folder, changes: readonly IndexChange[], typing: boolean) => void,
    private readonly logError: (message: string) => void = () => undefined,
  ) {}

  /** Creates (or recreates, when settings change the configuration file) and scans a folder's workspace. */
  open(root: string, settings: Settings): Folder {
    const folder = this.create(path.resolve(root), settings, true);
    this.folders.set(folder.root, folder);
    for (const document of this.openDocuments.values()) {
      if (this.folderFor(document.path) === folder) folder.workspace.index.setOpenDocument(document);
    }
    return folder;
  }

  close(root: string): void {
    this.folders.delete(path.resolve(root));
  }

  /** Applies new settings; the workspace is rebuilt only when its configuration file changes. */
  configure(folder: Folder, settings: Settings): Folder {
    if (settings.configFile !== folder.settings.configFile) return this.open(folder.root, settings);
    folder.settings = settings;
    folder.workspace.setOverrides(settings.customizations);
    if (settings.changedSince !== folder.changes?.ref) this.trackChanges(folder);
    return folder;
  }

  all(): Folder[] {
    return [...this.folders.values()];
  }

  /** The innermost workspace folder holding the file, else a loose folder for its directory. */
  folderFor(filePath: string): Folder {
    let best: Folder | undefined;
    for (const folder of this.folders.values()) {
      if (isInside(folder.root, filePath) && (!best || folder.root.length > best.root.length)) best = folder;
    }
    if (best) return best;
    const directory = path.dirname(filePath);
    let loose = this.looseFolders.get(directory);
    if (!loose) {
      loose = this.create(directory, this.all()[0]?.settings ?? DEFAULT_SETTINGS, false);
      this.looseFolders.set(directory, loose);
    }
    return loose;
  }

  /** An editor buffer's text (or, with `run: onSave`, its saved text) now stands for the file. */
  setOpenDocument(document: SourceDocument): void {
    this.openDocuments.set(document.path, document);
    this.applyingBufferText = true;
    try {
      this.folderFor(document.path).workspace.index.setOpenDocument(document);
    } finally {
      this.applyingBufferText = false;
    }
  }

  openDocument(filePath: string): SourceDocument | undefined {
    return this.openDocuments.get(filePath);
  }

  /** Whether an open buffer of the folder differs from its file on disk (or has none): then facts from disk would be wrong. */
  hasUnsavedBuffer(folder: Folder): boolean {
    for (const document of this.openDocuments.values()) {
      if (this.folderFor(document.path) !== folder) continue;
      try {
        if (fs.readFileSync(document.path, 'utf8') !== document.text) return true;
      } catch {
        return true;
      }
    }
    return false;
  }

  closeDocument(filePath: string): void {
    this.openDocuments.delete(filePath);
    this.folderFor(filePath).workspace.index.closeDocument(filePath);
    const directory = path.dirname(filePath);
    const loose = this.looseFolders.get(directory);
    if (loose && ![...this.openDocuments.keys()].some((open) => path.dirname(open) === directory)) {
      this.looseFolders.delete(directory);
    }
  }

  /** Routes file-watcher events to the folders that contain them. */
  applyFileChanges(changes: readonly IndexChange[]): void {
    for (const folder of this.folders.values()) {
      const inside = changes.filter((change) => isInside(folder.root, change.path));
      if (!inside.length) continue;
      // Before the index hears of it: the re-lint it triggers must see the new baseline and changes.
      if (inside.some((change) => change.path === folder.baseline.filePath)) folder.baseline.reload();
      folder.changes?.reload();
      folder.workspace.index.applyChanges(inside);
    }
  }

  private create(root: string, settings: Settings, scan: boolean): Folder {
    const workspace = new Workspace({
      registry: builtinRules,
      root,
      configFile: configFileOf(root, settings),
      overrides: settings.customizations,
      rules: this.rules,
    });
    const folder: Folder = { root, settings, workspace, scanned: scan, baseline: new FolderBaseline(root, this.logError), changes: undefined };
    this.trackChanges(folder);
    if (scan) workspace.index.scan();
    workspace.index.onDidChange((changes) => this.onIndexChange(folder, changes, this.applyingBufferText));
    return folder;
  }

  /** Follows the folder's `plumbline.changedSince` ref, or stops following one. */
  private trackChanges(folder: Folder): void {
    const ref = folder.settings.changedSince;
    folder.changes = ref ? new FolderChanges(folder.root, ref, this.logError) : undefined;
    folder.workspace.index.changes = folder.changes;
  }
}
