// Writes docs/rules/*.md, schemas/plumbline.schema.json and the README's rule table from the rules' meta
// (`npm run docs`). Pages of rules that no longer exist are removed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { README_PATH, RULE_DOCS_DIRECTORY, generatedFiles, readmeWithRuleTable } from '../server/src/cli/docs/generated';
import { allRules } from '../server/src/rules';

const repositoryRoot = path.resolve(__dirname, '..');
const files = generatedFiles(allRules);
const readmePath = path.join(repositoryRoot, README_PATH);
files.set(README_PATH, readmeWithRuleTable(fs.readFileSync(readmePath, 'utf8'), allRules));

let written = 0;
for (const [relative, content] of files) {
  const target = path.join(repositoryRoot, relative);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
  if (current === content) continue;
  fs.writeFileSync(target, content);
  written++;
}

const docsDirectory = path.join(repositoryRoot, RULE_DOCS_DIRECTORY);
let removed = 0;
for (const name of fs.readdirSync(docsDirectory)) {
  if (name.endsWith('.md') && !files.has(`${RULE_DOCS_DIRECTORY}/${name}`)) {
    fs.rmSync(path.join(docsDirectory, name));
    removed++;
  }
}
console.log(`Generated docs for ${allRules.length} rules: ${written} file(s) updated, ${removed} stale page(s) removed.`);
