import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture } from '../../../helpers/ruleTester';

export type FixtureFolder = 'nygard' | 'madr' | 'madr-list' | 'log4brains';

/** The fixture folder's files placed under `folder`, except `skip`. */
export function adrFolder(style: FixtureFolder, folder = 'docs/adr', skip?: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(path.join(__dirname, '../../../fixtures/markdown', `adr-${style}`))) {
    if (name !== skip) files[`${folder}/${name}`] = fixture(`markdown/adr-${style}/${name}`);
  }
  return files;
}

export function fixtureCases(style: FixtureFolder, folder = 'docs/adr', extra: Record<string, string> = {}) {
  const files = { ...adrFolder(style, folder), ...extra };
  return Object.entries(adrFolder(style, folder)).map(([filename, code]) => ({ name: `${style} fixture ${filename}`, filename, code, files }));
}
