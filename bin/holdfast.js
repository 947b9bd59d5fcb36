#!/usr/bin/env node
// Runs the TypeScript CLI without a build step: tsx's CommonJS API compiles each file as it
// is required. Paths are relative to this file, so it works from any directory.
'use strict';
require('tsx/cjs/api').register();
require('../cli/main.ts').main(process.argv.slice(2));
