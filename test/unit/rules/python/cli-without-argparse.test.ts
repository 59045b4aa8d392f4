import { cliWithoutArgparse } from '../../../../server/src/rules/python/cli-without-argparse';
import { testRule } from '../../../helpers/ruleTester';

const MESSAGE = 'This script reads sys.argv directly; parse its arguments with argparse (or click/typer) so it gets --help, validation and usage errors.';

testRule(cliWithoutArgparse, {
  valid: [
    {
      name: 'setup.py: setuptools parses its commands',
      filename: 'setup.py',
      code: 'import sys\nfrom setuptools import setup\n\nif "bdist_egg" in sys.argv:\n    print("eggs are not supported")\n\nif __name__ == "__main__":\n    setup(name="hub")\n',
    },
    { name: 'argparse', code: 'import argparse\nimport sys\n\nif __name__ == "__main__":\n    args = argparse.ArgumentParser().parse_args(sys.argv[1:])\n' },
    {
      name: 'click',
      code: 'import sys\n\nimport click\n\n\n@click.command()\ndef main():\n    click.echo(sys.argv)\n\n\nif __name__ == "__main__":\n    main()\n',
    },
    { name: 'typer via from-import', code: 'import sys\nfrom typer import run\n\nif __name__ == "__main__":\n    run(lambda: sys.argv)\n' },
    { name: 'a module without a __main__ block is no script', code: 'import sys\n\nNAME = sys.argv[0]\n' },
    {
      name: "a framework's launcher gets the whole command line",
      code: '#!/usr/bin/env python\nimport os\nimport sys\n\n\ndef main():\n    os.environ.setdefault("SETTINGS_MODULE", "shop.settings")\n    from shop.management import run_from_command_line\n\n    run_from_command_line(sys.argv)\n\n\nif __name__ == "__main__":\n    main()\n',
    },
    {
      name: 'the command line handed to a main function or an app, also by keyword and without the program name',
      code: 'import sys\nfrom sys import argv\n\nif __name__ == "__main__":\n    app.run(sys.argv)\n    sys.exit(main(sys.argv[1:]))\n    serve(argv=argv[:])\n',
    },
    {
      name: "the program's name, and a command line written for a framework that parses it",
      code: 'import sys\n\n\ndef serve(*args):\n    sys.argv = [sys.argv[0]] + list(args)\n    app.run()\n\n\nif __name__ == "__main__":\n    print("starting", sys.argv[0])\n    serve("8080")\n',
    },
  ],
  invalid: [
    {
      name: 'each read of sys.argv, inside functions too',
      code: 'import sys\n\n\ndef main():\n    return sys.argv[1]\n\n\nif __name__ == "__main__":\n    if len(sys.argv) < 2:\n        raise SystemExit(2)\n    main()\n',
      errors: [
        { line: 5, column: 12, endColumn: 20, message: MESSAGE },
        { line: 9, column: 12, endColumn: 20, message: MESSAGE },
      ],
    },
    {
      name: 'argv imported from sys; single-quoted guard',
      code: "from sys import argv\n\nif '__main__' == __name__:\n    target = argv[1]\n",
      errors: [{ line: 4, column: 14, endColumn: 18, message: MESSAGE }],
    },
    {
      name: 'hand parsing beside a delegation: a flag test, a fixed slice, a count',
      code: 'import sys\n\nif __name__ == "__main__":\n    verbose = "--verbose" in sys.argv\n    run(sys.argv[1:3])\n    main(sys.argv)\n    print(len(sys.argv))\n',
      errors: [
        { line: 4, column: 30, endColumn: 38, message: MESSAGE },
        { line: 5, column: 9, endColumn: 17, message: MESSAGE },
        { line: 7, column: 15, endColumn: 23, message: MESSAGE },
      ],
    },
  ],
});
