// Loads the test files named on the command line into this one process; node:test
// runs what they register and sets a failing exit code if any test fails.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

for (const file of process.argv.slice(2)) await import(pathToFileURL(resolve(file)).href);
