import { noSignalHandling } from '../../../../server/src/rules/python/no-signal-handling';
import { testRule } from '../../../helpers/ruleTester';

testRule(noSignalHandling, {
  valid: [
    {
      name: 'signal.signal anywhere in the module',
      code: 'import signal\n\n\ndef main():\n    signal.signal(signal.SIGTERM, stop)\n    while True:\n        step()\n\n\nif __name__ == "__main__":\n    main()\n',
    },
    {
      name: 'loop.add_signal_handler',
      code: 'import asyncio\n\n\nasync def serve():\n    loop = asyncio.get_running_loop()\n    for sig in STOP_SIGNALS:\n        loop.add_signal_handler(sig, stop)\n    server = await asyncio.start_server(handle, port=8080)\n    await server.serve_forever()\n\n\nif __name__ == "__main__":\n    asyncio.run(serve())\n',
    },
    {
      name: 'a handler installed on a loop returned by a call',
      code: 'import asyncio\n\nif __name__ == "__main__":\n    asyncio.get_event_loop().add_signal_handler(SIGTERM, stop)\n    while True:\n        step()\n',
    },
    {
      name: 'servers that stop on SIGTERM themselves: uvicorn.run, aiohttp web.run_app',
      code: 'import uvicorn\nfrom aiohttp import web\n\nif __name__ == "__main__":\n    uvicorn.run("api.app:app", port=8000)\n    web.run_app(make_app())\n',
    },
    { name: 'a bounded loop is not endless', code: 'if __name__ == "__main__":\n    while queue:\n        queue.pop()\n' },
    { name: 'a loop outside the __main__ path', code: 'def forever():\n    while True:\n        pass\n\n\nif __name__ == "__main__":\n    run_once()\n' },
  ],
  invalid: [
    {
      name: 'a loop that catches KeyboardInterrupt handles Ctrl-C, not SIGTERM: the message says which is missing',
      code: 'if __name__ == "__main__":\n    try:\n        while True:\n            step()\n    except (KeyboardInterrupt, SystemExit):\n        reset_screen()\n',
      errors: [
        {
          line: 3,
          column: 9,
          message:
            'The __main__ block runs a "while True" loop; the module catches KeyboardInterrupt (SIGINT) but never handles SIGTERM, which orchestrators send to stop it; register a handler (signal.signal or loop.add_signal_handler) that stops it cleanly.',
        },
      ],
    },
    {
      name: 'signal handling named only in a comment or a string does not count',
      code: '# signal.signal(SIGTERM, stop)\nNOTE = "use signal(...)"\n\nif __name__ == "__main__":\n    while True:\n        step()\n',
      errors: [
        {
          line: 5,
          column: 5,
          endColumn: 10,
          severity: 'info',
          message:
            'The __main__ block runs a "while True" loop but the module never handles SIGTERM/SIGINT; register a handler (signal.signal or loop.add_signal_handler) that stops it cleanly.',
        },
      ],
    },
    {
      name: 'while True directly in the __main__ block',
      code: 'if __name__ == "__main__":\n    while True:\n        process(queue.get())\n',
      errors: [
        {
          line: 2,
          column: 5,
          endColumn: 10,
          severity: 'info',
          message:
            'The __main__ block runs a "while True" loop but the module never handles SIGTERM/SIGINT; register a handler (signal.signal or loop.add_signal_handler) that stops it cleanly.',
        },
      ],
    },
    {
      name: 'a server reached through asyncio.run(main()) and a helper',
      code: 'import asyncio\n\n\nasync def main():\n    await start()\n\n\nasync def start():\n    server = await asyncio.start_server(handle, port=8080)\n    await server.serve_forever()\n\n\nif __name__ == "__main__":\n    asyncio.run(main())\n',
      errors: [{ line: 9, column: 20, endColumn: 40, message: /^The __main__ block runs an asyncio\.start_server\(\) server but/ }],
    },
  ],
});
