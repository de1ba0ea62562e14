#!/usr/bin/env node
// Worker threads a command will need start first, so their start-up overlaps loading the CLI.
require('../dist/cli/prestart-workers').prestartCommandWorkers(process.argv.slice(2));
// main() resolves to the exit code; it also resolves (to 1) when the work it awaits can never finish, so a
// run never exits 0 without its results.
require('../dist/cli/main')
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`emotrans: unexpected failure: ${error && error.message ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
