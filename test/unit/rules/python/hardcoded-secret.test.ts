import { hardcodedSecret } from '../../../../server/src/rules/python/hardcoded-secret';
import { testRule } from '../../../helpers/ruleTester';

const secret = (name: string) => `Hardcoded secret in "${name}"; read it from the environment (os.environ[...]) or a secrets manager instead.`;

testRule(hardcodedSecret, {
  valid: [
    'import os\n\nDB_PASSWORD = os.environ["DB_PASSWORD"]\n',
    { name: 'empty strings are not secrets', code: 'password = ""\ndef login(token=""):\n    return token == ""\n' },
    { name: 'names that only contain a secret word', code: 'tokenizer = "bert"\npassword_policy_url = None\nsecretary = "Ann"\n' },
    { name: 'f-strings are not literals', code: 'token = f"{prefix}-abc"\n' },
  ],
  invalid: [
    {
      name: 'assignments: plain, annotated, attribute, subscript, chained',
      code: 'DB_PASSWORD = "hunter2"\napi_key: str = \'sk-123\'\nself.secret = "s3cr3t"\nconfig["auth_token"] = "abc"\npwd = passwd = "x"\n',
      errors: [
        { line: 1, column: 15, endColumn: 24, message: secret('DB_PASSWORD') },
        { line: 2, column: 16, endColumn: 24, message: secret('api_key') },
        { line: 3, column: 15, message: secret('secret') },
        { line: 4, column: 24, message: secret('auth_token') },
        { line: 5, column: 16, message: secret('pwd') },
        { line: 5, column: 16, message: secret('passwd') },
      ],
    },
    {
      name: 'comparison, keyword argument, parameter default, dict literal',
      code: 'def login(user, password="admin", *, token: str = "t0k"):\n    if password == "letmein":\n        return connect(user, access_key="AKIA123")\n    return {"client_secret": "xyz", "name": "n"}\n',
      errors: [
        { line: 1, column: 26, endColumn: 33, message: secret('password') },
        { line: 1, column: 51, message: secret('token') },
        { line: 2, column: 20, message: secret('password') },
        { line: 3, column: 41, message: secret('access_key') },
        { line: 4, column: 30, message: secret('client_secret') },
      ],
    },
    {
      name: 'unicode before the secret keeps UTF-16 columns; CRLF',
      code: 'café = "😀"; token = "abc"\r\n',
      errors: [{ line: 1, column: 22, endColumn: 27, message: secret('token') }],
    },
  ],
});
