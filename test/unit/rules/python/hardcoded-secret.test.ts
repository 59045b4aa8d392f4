import { hardcodedSecret } from '../../../../server/src/rules/python/hardcoded-secret';
import { testRule } from '../../../helpers/ruleTester';

const secret = (name: string) => `Hardcoded secret in "${name}"; read it from the environment (os.environ[...]) or a secrets manager instead.`;
const defaultCredential = (value: string, name: string) =>
  `Hardcoded default credential "${value}" in "${name}": wherever it is not overridden, the secret is one everybody knows; read it from the environment (os.environ[...]) or a secrets manager instead.`;

testRule(hardcodedSecret, {
  valid: [
    'import os\n\nDB_PASSWORD = os.environ["DB_PASSWORD"]\n',
    { name: 'empty strings are not secrets', code: 'password = ""\ndef login(token=""):\n    return token == ""\n' },
    { name: 'names that only contain a secret word', code: 'tokenizer = "bert"\npassword_policy_url = None\nsecretary = "Ann"\n' },
    { name: 'f-strings are not literals', code: 'token = f"{prefix}-abc"\n' },
    {
      name: "an enumeration's members name themselves",
      code: 'import enum\n\n\nclass GrantType(enum.Enum):\n    password = "password"\n    refresh_token = "refresh_token"\n',
    },
    {
      name: 'the names of the variables and settings that hold the secrets, and a sentinel for no key',
      code: 'FROM_ENVIRONMENT = {"solr_password": "SHOP_SOLR_PASSWORD", "smtp_password": "SHOP_SMTP_PASSWORD"}\nfallback_secret = "SECRET_KEY"\napi_key = "unset"\n',
    },
    {
      name: 'the choices of a field, written as class constants that spell their own names',
      code: 'class Restriction(models.Model):\n    NONE = "none"\n    PASSWORD = "password"\n    GROUPS = "groups"\n    CHOICES = ((NONE, "Public"), (PASSWORD, "Shared password"), (GROUPS, "Groups"))\n',
    },
    {
      name: 'format placeholders, masking markers, and names that describe the secret',
      code: 'MODULE_TOKEN = "{module}"\nCENSOR_TOKEN_CHANGED = "***CHANGED***"\nSECRET_KEY_CHARSET = "abcdefghijklmnopqrstuvwxyz0123456789"\nsecret_from = "config"\n',
    },
    {
      name: 'comparing with a placeholder guards against it',
      code: 'import os\n\nSECRET_KEY = os.environ["SECRET_KEY"]\nif SECRET_KEY == "change-me":\n    raise RuntimeError("set SECRET_KEY")\n',
    },
    {
      name: 'error codes, messages, template names and class paths in secret-looking names',
      code: [
        'PASSWORD_TOO_SHORT = "password_too_short"',
        'JWT_INVALID_TOKEN = "invalid_token"',
        'INVALID_TOKEN = "Invalid or expired token."',
        'RESET_PASSWORD_TEMPLATE = "reset_password.html"',
        'TOKEN_GENERATOR_CLASS = "accounts.tokens.ResetTokenGenerator"',
        'providers = {"password": "OIDC"}',
        '',
      ].join('\n'),
    },
    {
      name: 'values too short to be credentials: a lexer comparing tokens, a dev fallback',
      code: 'if token in ("def", "for"):\n    pass\nelif token == "def":\n    pass\nSECRETS = {"secret_key": "a"}\n',
    },
    { name: 'a module whose only "pass" is the statement', code: 'def noop():\n    pass\n\nname = "value"\n' },
    {
      name: 'values that describe the secret: a token type, a secrets file, an auth scheme, an id, a reference',
      code: [
        'class TokenResponse(BaseModel):',
        '    access_token: str',
        '    token_type: str = "bearer"',
        '',
        '',
        'store = Store(password_file="/run/secrets/store-password")',
        'AUTH_SCHEME = "basic"',
        'STORAGE = {"endpoint_url": "http://objects:8333", "aws_access_key_id": "reader", "api_token": "${API_TOKEN}"}',
        '',
      ].join('\n'),
    },
    {
      name: 'a comparison with a literal that is no credential',
      code: 'def parse(lines):\n    for key in lines:\n        if key == "---":\n            break\n        if token == "none":\n            continue\n',
    },
  ],
  invalid: [
    {
      name: 'an upper-case placeholder is still one, though spelled like a variable name',
      code: 'API_TOKEN = "YOUR_API_TOKEN"\n',
      errors: [{ line: 1, column: 13, message: defaultCredential('YOUR_API_TOKEN', 'API_TOKEN') }],
    },
    {
      name: 'a password outside an enumeration is still one',
      code: 'class Defaults:\n    password = "password"\n    timeout = 30\n',
      errors: [{ line: 2, column: 16, message: /^Hardcoded default credential "password" in "password"/ }],
    },
    {
      name: 'a secret beside a name about it is still reported; a well-known placeholder says so',
      code: 'STORAGE = {\n    "aws_access_key_id": "reader",\n    "aws_secret_access_key": "Wd9-kelp-7731",\n}\nSECRET_KEY = "changethis"\n',
      errors: [
        { line: 3, column: 30, endColumn: 45, message: secret('aws_secret_access_key') },
        { line: 5, column: 14, endColumn: 26, message: defaultCredential('changethis', 'SECRET_KEY') },
      ],
    },
    {
      name: 'assignments: plain, annotated, attribute, subscript, chained',
      code: 'DB_PASSWORD = "hunter2"\napi_key: str = \'sk-123\'\nself.secret = "s3cr3t"\nconfig["auth_token"] = "abc9"\npwd = passwd = "x9f2"\n',
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
      code: 'def login(user, password="admin", *, token: str = "t0k3n"):\n    if password == "letmein":\n        return connect(user, secret_key="AKIA123")\n    return {"client_secret": "xyz9", "name": "n"}\n',
      errors: [
        { line: 1, column: 26, endColumn: 33, message: defaultCredential('admin', 'password') },
        { line: 1, column: 51, message: secret('token') },
        { line: 2, column: 20, message: secret('password') },
        { line: 3, column: 41, message: secret('secret_key') },
        { line: 4, column: 30, message: secret('client_secret') },
      ],
    },
    {
      name: '"pass" as a segment of a name or as a string key, reversed comparison',
      code: 'DB_PASS = "x1y1"\npass_code = "x2y2"\nauth = {"pass": "x3y3"}\nok = "x4y4" == user_pass\n',
      errors: [
        { line: 1, column: 11, message: secret('DB_PASS') },
        { line: 2, column: 13, message: secret('pass_code') },
        { line: 3, column: 17, message: secret('pass') },
        { line: 4, column: 6, message: secret('user_pass') },
      ],
    },
    {
      name: 'unicode before the secret keeps UTF-16 columns; CRLF',
      code: 'café = "😀"; token = "abcd"\r\n',
      errors: [{ line: 1, column: 22, endColumn: 28, message: secret('token') }],
    },
  ],
});
