import type { Instruction } from 'dockerfile-ast';
import type { TextEdit } from '../../engine/types';
import type { DockerfileModel, DockerStage } from '../../languages/dockerfile';

const STARTUP_KEYWORDS = new Set(['CMD', 'ENTRYPOINT']);
/** Instructions that run or change who runs later build steps: a runtime setting must come after them. */
const BUILD_STEP_KEYWORDS = new Set(['RUN', 'USER']);

/**
 * The instruction a runtime setting (USER, HEALTHCHECK) goes before: the
 * first CMD/ENTRYPOINT after the stage's last RUN or USER, so build steps keep
 * running as they did. Undefined when the setting belongs at the end of the stage.
 */
function startupInstruction(stage: DockerStage): Instruction | undefined {
  let lastBuildStep = -1;
  stage.instructions.forEach((instruction, i) => {
    if (BUILD_STEP_KEYWORDS.has(instruction.getKeyword())) lastBuildStep = i;
  });
  return stage.instructions.slice(lastBuildStep + 1).find((instruction) => STARTUP_KEYWORDS.has(instruction.getKeyword()));
}

/** The line to insert at: above the comment lines that introduce the instruction, so they stay attached to it. */
function lineAboveLeadingComments(model: DockerfileModel, instruction: Instruction, previous: Instruction): number {
  const floor = previous.getRange().end.line;
  let line = instruction.getRange().start.line;
  while (line - 1 > floor && model.document.lineText(line - 1).trimStart().startsWith('#')) line--;
  return line;
}

const HEREDOC_MARKERS = /<<-?\s*(["']?)([A-Za-z_][A-Za-z0-9_]*)\1/g;

/**
 * Whether the instruction opens a heredoc (`RUN <<EOF`) that no line closes:
 * the builder reads everything after it as the heredoc's body, so a line
 * appended there would become part of the script, not an instruction.
 */
function opensUnterminatedHeredoc(model: DockerfileModel, instruction: Instruction): boolean {
  const { start, end } = instruction.getRange();
  const document = model.document;
  const delimiters = [...document.lineText(start.line).matchAll(HEREDOC_MARKERS)].map((match) => match[2]!);
  if (delimiters.length === 0) return false;
  const lines = new Set<string>();
  for (let line = start.line + 1; line <= end.line; line++) lines.add(document.lineText(line).trim());
  return delimiters.some((delimiter) => !lines.has(delimiter));
}

/**
 * An edit that inserts a whole instruction line where the container's startup
 * settings belong; undefined when the stage ends in an unterminated heredoc,
 * where no line can be added as an instruction.
 */
export function insertRuntimeInstruction(model: DockerfileModel, stage: DockerStage, line: string): TextEdit | undefined {
  const document = model.document;
  const eol = document.eol;
  const target = startupInstruction(stage);
  if (target) {
    const index = stage.instructions.indexOf(target);
    const previous = index > 0 ? stage.instructions[index - 1]! : stage.from;
    const at = { line: lineAboveLeadingComments(model, target, previous), character: 0 };
    return { range: { start: at, end: at }, newText: line + eol };
  }
  const last = stage.instructions[stage.instructions.length - 1] ?? stage.from;
  if (opensUnterminatedHeredoc(model, last)) return undefined;
  const lastLine = last.getRange().end.line;
  if (lastLine + 1 < document.lineCount) {
    const at = { line: lastLine + 1, character: 0 };
    return { range: { start: at, end: at }, newText: line + eol };
  }
  const end = { line: lastLine, character: document.lineText(lastLine).length };
  return { range: { start: end, end }, newText: eol + line };
}
