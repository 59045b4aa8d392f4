import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { applyEdits } from '../../../engine/edits';
import type { TextEdit } from '../../../engine/types';
import type { DockerfileModel, DockerStage } from '../../../languages/dockerfile';

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
  while (
    line - 1 > floor &&
    model.document
      .lineText(line - 1)
      .trimStart()
      .startsWith('#')
  )
    line--;
  return line;
}

/**
 * Whether a line added at the end of the file reads as an instruction of its
 * own. After an unterminated heredoc (`RUN cat <<EOF` with no `EOF` line) or
 * a trailing line continuation it would become part of the previous
 * instruction, and a fix that adds it would add it again on every run.
 */
function endsWithInstruction(text: string, keyword: string): boolean {
  const instructions = DockerfileParser.parse(text).getInstructions();
  return instructions[instructions.length - 1]?.getKeyword() === keyword;
}

/**
 * An edit that inserts a whole instruction line where the container's startup
 * settings belong; undefined when the file ends inside a heredoc or a line
 * continuation, where no line can be added as an instruction.
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
  const lastLine = last.getRange().end.line;
  let edit: TextEdit;
  if (lastLine + 1 < document.lineCount) {
    const at = { line: lastLine + 1, character: 0 };
    edit = { range: { start: at, end: at }, newText: line + eol };
  } else {
    const end = { line: lastLine, character: document.lineText(lastLine).length };
    edit = { range: { start: end, end }, newText: eol + line };
  }
  const keyword = line.slice(0, line.indexOf(' '));
  return endsWithInstruction(applyEdits(document.text, [edit]), keyword) ? edit : undefined;
}
