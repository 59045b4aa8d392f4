import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DockerfileParser, Instruction } from 'dockerfile-ast';
import { SourceDocument } from '../../../server/src/engine/sourceDocument';
import { parseDockerfile } from '../../../server/src/languages/dockerfile';

const repositoryRoot = path.resolve(__dirname, '../../..');

/**
 * languages/dockerfile.ts remembers the tokens of dockerfile-ast's private
 * Instruction.getRawArguments (see the comment there). These fingerprints are
 * of the pinned version: when an upgrade changes the method, read the new one,
 * check that remembering its result is still sound, then update them.
 */
const PINNED_VERSION = '0.7.1';
const GET_RAW_ARGUMENTS_SHA256 = '603221fadfbcbd3f618b724490eceb2bab8053596612eb59c77ec333987d47e5';

const SAMPLE = [
  'FROM --platform=$BUILDPLATFORM node:20.11.1 AS build',
  'COPY --chown=app:app ["package.json", "package-lock.json", "./"]',
  'RUN npm ci \\',
  '    # a comment between continuation lines',
  '    && npm run build',
  'RUN <<EOF',
  'echo "from a heredoc"',
  'EOF',
  'ENV NODE_ENV=production PORT=8080',
  'CMD ["node", "dist/server.js"]',
  '',
].join('\n');

function rawArguments(instruction: Instruction) {
  return instruction.getArguments().map((argument) => ({ value: argument.getValue(), range: argument.getRange() }));
}

describe('dockerfile-ast patch', () => {
  it('is pinned to the version whose private method it patches', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    assert.equal(manifest.devDependencies['dockerfile-ast'], PINNED_VERSION);
    const installed = JSON.parse(fs.readFileSync(path.join(repositoryRoot, 'node_modules/dockerfile-ast/package.json'), 'utf8')) as { version: string };
    assert.equal(installed.version, PINNED_VERSION);
  });

  it('fails when the upstream changes Instruction.getRawArguments', () => {
    const source = (Instruction.prototype as unknown as { getRawArguments: () => unknown }).getRawArguments.toString();
    assert.equal(createHash('sha256').update(source).digest('hex'), GET_RAW_ARGUMENTS_SHA256);
  });

  it('gives the tokens the library gives, from memory, and copies callers may change', () => {
    const ours = parseDockerfile(new SourceDocument('/x/Dockerfile', SAMPLE)).ast.getInstructions();
    const theirs = DockerfileParser.parse(SAMPLE).getInstructions();
    assert.equal(ours.length, theirs.length);
    ours.forEach((instruction, i) => assert.deepEqual(rawArguments(instruction), rawArguments(theirs[i]!)));
    const first = ours[0]!.getArguments();
    first.shift();
    const again = ours[0]!.getArguments();
    assert.notEqual(again, first);
    assert.equal(again.length, first.length + 1);
    // Remembered: the same Argument objects come back, where the library builds new ones on each call.
    assert.equal(again[0], ours[0]!.getArguments()[0]);
    assert.notEqual(theirs[0]!.getArguments()[0], theirs[0]!.getArguments()[0]);
  });

  it('leaves the library as it was for every other user', () => {
    const library = (Instruction.prototype as unknown as { getRawArguments: () => unknown }).getRawArguments;
    parseDockerfile(new SourceDocument('/x/Dockerfile', SAMPLE));
    assert.equal((Instruction.prototype as unknown as { getRawArguments: () => unknown }).getRawArguments, library);
    for (const instruction of DockerfileParser.parse(SAMPLE).getInstructions()) {
      assert.equal(Object.hasOwn(instruction, 'getRawArguments'), false);
    }
  });
});
