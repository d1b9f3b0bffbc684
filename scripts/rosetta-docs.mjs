#!/usr/bin/env node
// Compiles the TypeScript examples of README.md AND of every docs/*.md page with jsii-rosetta
// (strict: a snippet that does not compile fails), against the jsii assembly and
// rosetta/default.ts-fixture, exactly as `jsii-rosetta extract --strict` does for the README.
//
// jsii-rosetta reads examples from the assembly (its README and docstrings) only. So this script
// puts the docs pages into the assembly's README for the run (.jsii is a build output that
// `npx projen compile` rewrites) and restores the file afterwards, whatever the outcome. An error
// names the snippet by its text; `<!-- docs/page.md -->` separators show where each page starts.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const assemblyFile = path.join(root, '.jsii');
const original = fs.readFileSync(assemblyFile, 'utf8');
const assembly = JSON.parse(original);
const pages = fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).sort();
assembly.readme = {
  markdown: [
    assembly.readme?.markdown ?? fs.readFileSync(path.join(root, 'README.md'), 'utf8'),
    ...pages.map((page) => `<!-- docs/${page} -->\n\n${fs.readFileSync(path.join(root, 'docs', page), 'utf8')}`),
  ].join('\n\n'),
};
let status = 0;
try {
  fs.writeFileSync(assemblyFile, JSON.stringify(assembly));
  execFileSync('jsii-rosetta', ['extract', '--strict', '--fail'], { cwd: root, stdio: 'inherit' });
  process.stdout.write(`README.md and ${pages.length} docs pages: every TypeScript example compiles\n`);
} catch (error) {
  status = typeof error.status === 'number' ? error.status : 1;
} finally {
  fs.writeFileSync(assemblyFile, original);
}
process.exit(status);
