import { execForm } from '../../../../server/src/rules/docker/exec-form';
import { testRule } from '../../../helpers/ruleTester';

const message = (keyword: string) =>
  `Shell-form ${keyword} runs its command through a shell, so the service is not PID 1 and never receives SIGTERM; write it in JSON exec form.`;

testRule(execForm, {
  valid: [
    {
      name: 'a test image or a development container is not a production image',
      filename: 'tests/e2e/Dockerfile',
      code: 'FROM python:3.12.7-slim\nCMD pytest -x\n',
    },
    'FROM python:3.12.7-slim\nCMD ["python", "-m", "api"]\n',
    { name: 'ENTRYPOINT and CMD in exec form, lowercase', code: 'from alpine:3.20.3\nentrypoint ["/entrypoint.sh"]\ncmd ["--help"]\n' },
    { name: 'exec form over continuation lines', code: 'FROM alpine:3.20.3\nCMD ["gunicorn", \\\n     "api:app"]\n' },
    { name: 'RUN in shell form is fine', code: 'FROM alpine:3.20.3\nRUN echo hi | tee /x\n' },
    { name: 'HEALTHCHECK CMD in shell form is not judged', code: 'FROM alpine:3.20.3\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n' },
    { name: 'empty CMD', code: 'FROM alpine:3.20.3\nCMD\n' },
    { name: 'empty file', code: '' },
  ],
  invalid: [
    {
      name: 'simple command: JSON words; range is the arguments',
      code: 'FROM python:3.12.7-slim\nCMD gunicorn --bind 0.0.0.0:8000 api.main:app\n',
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 46, message: message('CMD') }],
      output: 'FROM python:3.12.7-slim\nCMD ["gunicorn", "--bind", "0.0.0.0:8000", "api.main:app"]\n',
    },
    {
      name: 'quotes are removed and JSON-escaped',
      code: `FROM nginx:1.27.3\nENTRYPOINT nginx -g "daemon off;" -c 'C:\\conf' "say \\"hi\\""\n`,
      errors: [{ line: 2, column: 12, message: message('ENTRYPOINT') }],
      output: `FROM nginx:1.27.3\nENTRYPOINT ["nginx", "-g", "daemon off;", "-c", "C:\\\\conf", "say \\"hi\\""]\n`,
    },
    {
      name: 'a variable needs the shell; a lone command gets exec so it becomes PID 1',
      code: 'FROM python:3.12.7-slim\nCMD uvicorn api:app --port $PORT\n',
      errors: [{ line: 2, column: 5, endColumn: 33 }],
      output: 'FROM python:3.12.7-slim\nCMD ["/bin/sh", "-c", "exec uvicorn api:app --port $PORT"]\n',
    },
    {
      name: 'operators keep the command line as it is under sh -c',
      code: 'FROM alpine:3.20.3\nCMD ./migrate && ./serve | tee /var/log/app.log\n',
      errors: [{ line: 2, column: 5 }],
      output: 'FROM alpine:3.20.3\nCMD ["/bin/sh", "-c", "./migrate && ./serve | tee /var/log/app.log"]\n',
    },
    {
      name: 'a subshell needs the shell',
      code: 'FROM alpine:3.20.3\nENTRYPOINT (cd /srv && ./run)\n',
      errors: [{ line: 2, column: 12, endColumn: 30 }],
      output: 'FROM alpine:3.20.3\nENTRYPOINT ["/bin/sh", "-c", "(cd /srv && ./run)"]\n',
    },
    {
      name: 'redirects, globs and leading assignments need the shell',
      code: 'FROM alpine:3.20.3 AS a\nCMD run > /tmp/out 2>&1\nFROM alpine:3.20.3 AS b\nCMD ls /app/*.conf\nFROM alpine:3.20.3\nCMD MODE=prod ./serve\n',
      errors: [
        { line: 2, column: 5 },
        { line: 4, column: 5 },
        { line: 6, column: 5 },
      ],
      output:
        'FROM alpine:3.20.3 AS a\nCMD ["/bin/sh", "-c", "exec run > /tmp/out 2>&1"]\nFROM alpine:3.20.3 AS b\nCMD ["/bin/sh", "-c", "exec ls /app/*.conf"]\nFROM alpine:3.20.3\nCMD ["/bin/sh", "-c", "MODE=prod ./serve"]\n',
    },
    {
      name: 'continuation lines and a comment between them become one line',
      code: 'FROM python:3.12.7-slim\nCMD python \\\n    # the service\n    -m api\n',
      errors: [{ line: 2, column: 5, endLine: 4, endColumn: 11 }],
      output: 'FROM python:3.12.7-slim\nCMD ["python", "-m", "api"]\n',
    },
    {
      name: 'the SHELL in effect is kept',
      code: 'FROM debian:12.6-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nCMD serve | logger\n',
      errors: [{ line: 3, column: 5 }],
      output: 'FROM debian:12.6-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nCMD ["/bin/bash", "-o", "pipefail", "-c", "serve | logger"]\n',
    },
    {
      name: 'escape directive, backtick continuation, Windows base: cmd keeps the line whole',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ping `\n  C:\\hosts\n',
      errors: [{ line: 3, column: 5, endLine: 4, endColumn: 11 }],
      output: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ["cmd", "/S", "/C", "ping   C:\\\\hosts"]\n',
    },
    {
      name: 'the SHELL inherited from the parent stage, and a later SHELL that does not apply yet',
      code: 'FROM debian:12.6-slim AS base\nSHELL ["/bin/bash", "-c"]\nFROM base\nCMD run | tee log\nSHELL ["/bin/zsh", "-c"]\n',
      errors: [{ line: 4, column: 5 }],
      output: 'FROM debian:12.6-slim AS base\nSHELL ["/bin/bash", "-c"]\nFROM base\nCMD ["/bin/bash", "-c", "run | tee log"]\nSHELL ["/bin/zsh", "-c"]\n',
    },
    {
      name: 'a PowerShell SHELL keeps the line whole, without exec',
      code: 'FROM mcr.microsoft.com/powershell:7.4-ubuntu-22.04\nSHELL ["pwsh", "-Command"]\nCMD Start-Service $env:SVC\n',
      errors: [{ line: 3, column: 5 }],
      output: 'FROM mcr.microsoft.com/powershell:7.4-ubuntu-22.04\nSHELL ["pwsh", "-Command"]\nCMD ["pwsh", "-Command", "Start-Service $env:SVC"]\n',
    },
    {
      name: 'CRLF line breaks and a continuation',
      code: 'FROM python:3.12.7-slim\r\nCMD python \\\r\n  app.py\r\n',
      errors: [{ line: 2, column: 5, endLine: 3, endColumn: 9 }],
      output: 'FROM python:3.12.7-slim\r\nCMD ["python", "app.py"]\r\n',
    },
    {
      name: 'single-quoted "exec form" is shell form to Docker; the fix writes valid JSON',
      code: "FROM alpine:3.20.3\nCMD ['python', '-m', 'api']\n",
      errors: [
        {
          line: 2,
          column: 5,
          endColumn: 28,
          message: 'CMD looks like exec form but is not a JSON array of double-quoted strings, so Docker runs it through a shell as text; fix the JSON.',
        },
      ],
      output: 'FROM alpine:3.20.3\nCMD ["python", "-m", "api"]\n',
    },
    {
      name: 'broken JSON that cannot be repaired is reported without a fix',
      code: 'FROM alpine:3.20.3\nENTRYPOINT ["/run", \n',
      errors: [{ line: 2, column: 12, message: /^ENTRYPOINT looks like exec form but is not a JSON array/ }],
      suggestions: [[]],
      output: null,
    },
    {
      name: 'every stage is judged (a stage may be a --target)',
      code: 'FROM node:20.18.0 AS dev\nCMD npm run dev\nFROM node:20.18.0-slim\nCMD ["node", "server.js"]\n',
      errors: [{ line: 2, column: 5, endColumn: 16 }],
      output: 'FROM node:20.18.0 AS dev\nCMD ["npm", "run", "dev"]\nFROM node:20.18.0-slim\nCMD ["node", "server.js"]\n',
    },
  ],
});
