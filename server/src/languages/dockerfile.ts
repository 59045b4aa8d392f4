import { DockerfileParser, type Dockerfile } from 'dockerfile-ast';
import type { SourceDocument } from '../engine/sourceDocument';

export interface DockerfileModel {
  ast: Dockerfile;
}

export function parseDockerfile(document: SourceDocument): DockerfileModel {
  return { ast: DockerfileParser.parse(document.text) };
}
