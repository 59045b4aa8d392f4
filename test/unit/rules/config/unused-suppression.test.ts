import { unusedSuppression } from '../../../../server/src/rules/config/unused-suppression';
import { testRule } from '../../../helpers/ruleTester';

const IMAGE = 'FROM python:3.12.7-slim\n';
const EXEC_FORM_CMD = 'CMD ["python", "app.py"]\n';

testRule(unusedSuppression, {
  valid: [
    { name: 'no suppression', filename: 'Dockerfile', code: IMAGE + EXEC_FORM_CMD },
    { name: 'a suppression that silences a finding', filename: 'Dockerfile', code: `${IMAGE}# plumbline: disable-next-line PL106\nCMD python app.py\n` },
    {
      name: 'a suppression of PL505 keeps the blanket below it',
      filename: 'Dockerfile',
      code: `${IMAGE}# plumbline: disable-next-line PL505\n# plumbline: disable-next-line\n${EXEC_FORM_CMD}`,
    },
    { name: 'a file-wide blanket that silences a finding', filename: 'Dockerfile', code: `# plumbline: disable-file\n${IMAGE}CMD python app.py\n` },
  ],
  invalid: [
    {
      name: 'a code that reports nothing on its line: the fix removes the comment',
      filename: 'Dockerfile',
      code: `${IMAGE}# plumbline: disable-next-line PL106\n${EXEC_FORM_CMD}`,
      errors: [{ line: 2, column: 32, endColumn: 37, message: 'Unused suppression: PL106 reports nothing here; remove it.' }],
      output: IMAGE + EXEC_FORM_CMD,
    },
    {
      name: 'one unused code among used ones: the fix removes only that code',
      filename: 'Dockerfile',
      code: `${IMAGE}# plumbline: disable-next-line PL106, PL105\nCMD python app.py\n`,
      errors: [{ line: 2, column: 39, message: 'Unused suppression: PL105 reports nothing here; remove it.' }],
      output: `${IMAGE}# plumbline: disable-next-line PL106\nCMD python app.py\n`,
    },
    {
      name: 'a name that is no rule',
      filename: 'Dockerfile',
      code: `${IMAGE}# plumbline: disable-next-line PL9999\n${EXEC_FORM_CMD}`,
      errors: [{ line: 2, column: 32, message: 'Unknown rule "PL9999" in suppression; use a code such as PL101 or a rule name.' }],
      output: IMAGE + EXEC_FORM_CMD,
    },
    {
      name: 'a blanket suppression that silences nothing',
      filename: 'Dockerfile',
      code: `${IMAGE}# plumbline: disable-next-line\n${EXEC_FORM_CMD}`,
      errors: [{ line: 2, column: 1, message: 'This suppression silences nothing; remove it.' }],
      output: IMAGE + EXEC_FORM_CMD,
    },
    {
      name: 'a blanket that only hides the next unused blanket keeps nothing: both are reported and removed at once (fuzz: env)',
      filename: '.env',
      code: '# plumbline: disable-next-line\n# plumbline: disable-next-line\nPLAIN=1\n',
      errors: [
        { line: 1, column: 1, endColumn: 31, message: 'This suppression silences nothing; remove it.' },
        { line: 2, column: 1, endColumn: 31, message: 'This suppression silences nothing; remove it.' },
      ],
      output: 'PLAIN=1\n',
    },
    {
      name: 'a blanket that only hides an unused code on the next line',
      filename: 'Dockerfile',
      code: `${IMAGE}# plumbline: disable-next-line\n# plumbline: disable-next-line PL106\n${EXEC_FORM_CMD}`,
      errors: [
        { line: 2, column: 1, message: 'This suppression silences nothing; remove it.' },
        { line: 3, column: 32, message: 'Unused suppression: PL106 reports nothing here; remove it.' },
      ],
      output: IMAGE + EXEC_FORM_CMD,
    },
    {
      name: 'a file-wide blanket in a file with nothing to silence',
      filename: '.env',
      code: '# plumbline: disable-file\nPLAIN=1\n',
      errors: [{ line: 1, column: 1, endColumn: 26, message: 'This suppression silences nothing; remove it.' }],
      output: 'PLAIN=1\n',
    },
    {
      name: 'a suppression of PL505 that keeps no other suppression',
      filename: 'Dockerfile',
      code: `${IMAGE}# plumbline: disable-next-line PL505\n${EXEC_FORM_CMD}`,
      errors: [{ line: 2, column: 32, message: 'Unused suppression: PL505 reports nothing here; remove it.' }],
      output: IMAGE + EXEC_FORM_CMD,
    },
  ],
});
