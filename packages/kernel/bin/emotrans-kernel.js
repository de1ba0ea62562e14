#!/usr/bin/env node
// Jupyter starts this with the connection file: emotrans-kernel <connection-file>
require('../dist/main').main(process.argv.slice(2));
