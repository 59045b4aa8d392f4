import { SEVERITY_SETTINGS, type SeverityOverrides } from '../engine/config';
import type { SeveritySetting } from '../engine/types';

/** The `plumbline.*` settings the server reads through `workspace/configuration`. */
export interface Settings {
  enable: boolean;
  /** Lint as you type, or only what is saved. */
  run: 'onType' | 'onSave';
  /** `plumbline.rules.customizations`: severity by rule code or name, over `.plumbline.yaml`. */
  customizations: SeverityOverrides;
  /** An explicit configuration file instead of the nearest `.plumbline.yaml`. */
  configFile: string | undefined;
  /** Check every file of the workspace, or only the open ones. */
  scope: 'workspace' | 'openFiles';
  /** `plumbline.changedSince`: a git ref (a base branch) that PL406 compares with; PL406 is off without one. */
  changedSince: string | undefined;
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  run: 'onType',
  customizations: {},
  configFile: undefined,
  scope: 'workspace',
  changedSince: undefined,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the `plumbline` section as the client sent it; anything malformed falls back to its default. */
export function parseSettings(raw: unknown): Settings {
  if (!isRecord(raw)) return DEFAULT_SETTINGS;
  const customizations: Record<string, SeveritySetting> = {};
  const rules = isRecord(raw.rules) ? raw.rules : {};
  if (isRecord(rules.customizations)) {
    for (const [key, value] of Object.entries(rules.customizations)) {
      if (typeof value === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(value)) {
        customizations[key] = value as SeveritySetting;
      }
    }
  }
  return {
    enable: typeof raw.enable === 'boolean' ? raw.enable : DEFAULT_SETTINGS.enable,
    run: raw.run === 'onSave' ? 'onSave' : 'onType',
    customizations,
    configFile: typeof raw.configFile === 'string' && raw.configFile.trim() ? raw.configFile.trim() : undefined,
    scope: raw.scope === 'openFiles' ? 'openFiles' : 'workspace',
    changedSince: typeof raw.changedSince === 'string' && raw.changedSince.trim() ? raw.changedSince.trim() : undefined,
  };
}
