import { unusedSuppression } from '../../../../server/src/rules/config/unused-suppression';
import { testRule } from '../../../helpers/ruleTester';

const IMAGE = 'FROM python:3.12.7-slim\n';
const EXEC_FORM_CMD = 'CMD ["python", "app.py"]\n';

testRule(unusedSuppression, {
  valid: [
    { name: 'no suppression', filename: 'Dockerfile', code: IMAGE + EXEC_FORM_CMD },
    { name: 'a suppression that silences a finding', filename: 'Dockerfile', code: `${IMAGE}# plumbline: disable-next-line PL106\nCMD python app.py\n` },
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
      name: 'a suppression of PL505 that keeps no other suppression',
      filename: 'Dockerfile',
      code: `${IMAGE}# plumbline: disable-next-line PL505\n${EXEC_FORM_CMD}`,
      errors: [{ line: 2, column: 32, message: 'Unused suppression: PL505 reports nothing here; remove it.' }],
      output: IMAGE + EXEC_FORM_CMD,
    },
  ],
});
