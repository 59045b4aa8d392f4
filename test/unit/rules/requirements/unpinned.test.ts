import { unpinnedRequirement } from '../../../../server/src/rules/requirements/unpinned';
import { testRule } from '../../../helpers/ruleTester';

const ADVICE = 'pin an exact version with == (pip-compile or uv can generate the pins) so every build installs the same thing.';

testRule(unpinnedRequirement, {
  valid: [
    {
      name: "a library's own dependencies, which its pyproject.toml reads from the file, are ranges on purpose",
      filename: 'requirements.txt',
      code: 'alembic>=1.4\ntornado>=6.5\n',
      files: {
        'pyproject.toml': '[project]\nname = "hub"\ndynamic = ["dependencies"]\n\n[tool.setuptools.dynamic]\ndependencies = { file = "requirements.txt" }\n',
      },
    },
    'fastapi==0.115.0\nredis===5.0.8\n',
    {
      name: 'comments, blank lines, options and includes',
      code: '# pinned by pip-compile\n\n--index-url https://pypi.example/simple\n-r base.txt\n-c constraints.txt\n-e .\n--editable ./libs/common\n',
    },
    { name: 'extras, markers, trailing comments', code: 'uvicorn[standard]==0.30.6 ; python_version >= "3.11"  # server\n' },
    { name: 'hashes on a continuation line', code: 'httpx==0.27.2 \\\n    --hash=sha256:0123abcd\n' },
    {
      name: 'hashed URLs, commit-pinned VCS and local paths',
      code: 'https://files.example/pkg-1.0-py3-none-any.whl#sha256=abc123\nlib @ git+https://git.example/lib.git@0123456789abcdef0123456789abcdef01234567\n./libs/common\n',
    },
    { name: 'an included requirements file in a requirements/ folder', filename: 'requirements/dev.txt', code: 'pytest==8.3.2\n' },
  ],
  invalid: [
    {
      name: 'an application requirements file beside a pyproject.toml that does not read it',
      filename: 'requirements.txt',
      code: 'tornado>=6.5\n',
      files: { 'pyproject.toml': '[project]\nname = "hub"\ndependencies = ["tornado>=6.5"]\n' },
      errors: [{ line: 1, column: 1, message: /^"tornado>=6\.5" is a range, not an exact pin;/ }],
    },
    {
      name: 'ranges, compatible releases, wildcards and bare names',
      code: 'fastapi>=0.110\nredis\nhttpx~=0.27\nboto3==1.*\nDjango[bcrypt] >=4.2, <5 ; python_version > "3"\n',
      errors: [
        { line: 1, column: 1, endColumn: 15, message: `"fastapi>=0.110" is a range, not an exact pin; ${ADVICE}` },
        { line: 2, column: 1, endColumn: 6, message: `"redis" has no version pin; ${ADVICE}` },
        { line: 3, column: 1, endColumn: 12, message: `"httpx~=0.27" is a range, not an exact pin; ${ADVICE}` },
        { line: 4, column: 1, endColumn: 11, message: `"boto3==1.*" is a range, not an exact pin; ${ADVICE}` },
        { line: 5, column: 1, endColumn: 48, message: `"Django>=4.2,<5" is a range, not an exact pin; ${ADVICE}` },
      ],
    },
    {
      name: 'URLs without a hash; CRLF and indentation',
      filename: 'requirements-prod.txt',
      code: 'lib @ https://files.example/lib-1.0.tar.gz\r\n  https://files.example/other.whl\r\n',
      errors: [
        {
          line: 1,
          column: 1,
          message: '"lib" comes from a URL without a hash; add a #sha256= hash (or pin a VCS commit by its full hash) so every build installs the same thing.',
        },
        {
          line: 2,
          column: 3,
          endColumn: 34,
          message:
            '"https://files.example/other.whl" is a URL without a hash; add a #sha256= hash (or pin a VCS commit by its full hash) so every build installs the same thing.',
        },
      ],
    },
  ],
});
