#!/usr/bin/env node
// Integration-test snapshots (integ/integ.*.ts → integ/integ.*.ts.snapshot/, integ-runner's layout),
// checked or rewritten WITHOUT deploying and without AWS credentials.
//
//   node scripts/integ-snapshot.mjs            check: synthesize every integ test and fail (exit 1)
//                                              when a committed snapshot is missing or stale
//   node scripts/integ-snapshot.mjs --update   rewrite the snapshots (then review `git diff integ/`)
//   ... [integ.landing-zone.ts ...]            only these tests
//
// Why not `integ-runner` itself: @aws-cdk/integ-runner 2.197.10 (the newest on the registry) bundles
// a toolkit that reads cloud assembly schema 53, and aws-cdk-lib 2.258.0 writes schema 54, so every
// integ-runner synth fails with "Cloud assembly schema version mismatch". This script synthesizes
// each test as integ-runner does (same app command, same context: integ-runner's recommended
// feature flags, no path/asset metadata, no version reporting; same CDK_INTEG_* environment) and
// compares what integ-runner compares: the CloudFormation templates, the asset manifests (the
// tests set `diffAssets: true`) and integ.json. tree.json and manifest.json are written but not
// compared (they change with every aws-cdk-lib release without changing what is deployed).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const integDir = join(root, 'integ');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const update = args.includes('--update');
const only = args.filter((a) => !a.startsWith('--'));

const tests = readdirSync(integDir)
  .filter((f) => /^integ\..*\.ts$/.test(f) && !f.endsWith('.d.ts'))
  .filter((f) => only.length === 0 || only.includes(f))
  .sort();
if (tests.length === 0) {
  console.error(`integ snapshots: no test matches ${only.join(' ')}`);
  process.exit(1);
}

// integ-runner's synth context and environment (runner-base.js: getContext, DEFAULT_SYNTH_OPTIONS).
const context = {
  ...require('@aws-cdk/integ-runner/lib/recommended-feature-flags.json'),
  '@aws-cdk/core:target-partitions': undefined,
  'aws:cdk:enable-path-metadata': false,
  'aws:cdk:enable-asset-metadata': false,
  'aws:cdk:version-reporting': false,
  'aws:cdk:disable-stack-trace': true,
  'aws:cdk:bundling-stacks': ['**'],
};
const env = {
  ...process.env,
  CDK_CONTEXT_JSON: JSON.stringify(context),
  CDK_INTEG_ACCOUNT: '12345678',
  CDK_INTEG_REGION: 'test-region',
  TS_NODE_PROJECT: join(integDir, 'tsconfig.json'),
};
// Never let a developer's AWS environment leak into the snapshot.
for (const name of ['CDK_DEFAULT_ACCOUNT', 'CDK_DEFAULT_REGION', 'AWS_REGION', 'AWS_DEFAULT_REGION']) delete env[name];

function synth(test, outdir) {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(integDir, test)], {
      cwd: integDir, env: { ...env, CDK_OUTDIR: outdir }, stdio: ['ignore', 'inherit', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => (code === 0 ? done() : fail(new Error(`${test}: synth failed (exit ${code})\n${stderr}`))));
  });
}

/**
 * integ-tests-alpha gives every assertion a `salt` of `Date.now()` (so CloudFormation re-runs it
 * on every deployment): it differs on every synth and says nothing about the test.
 */
function withoutSalt(template) {
  for (const resource of Object.values(template.Resources ?? {})) {
    if (resource.Type?.startsWith('Custom::DeployAssert') && resource.Properties?.salt !== undefined) {
      resource.Properties.salt = '<salt>';
    }
  }
  return template;
}

/** Asset manifests without the templates' own entries (their hash covers the salt; the templates are compared). */
function withoutTemplateAssets(manifest) {
  for (const [id, asset] of Object.entries(manifest.files ?? {})) {
    if (asset.source?.path?.endsWith('.template.json')) delete manifest.files[id];
  }
  return manifest;
}

/** The files integ-runner compares, by name → parsed content; asset directories by name only. */
function comparable(dir) {
  const result = new Map();
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith('.template.json')) {
      result.set(name, withoutSalt(JSON.parse(readFileSync(join(dir, name), 'utf8'))));
    } else if (name.endsWith('.assets.json')) {
      result.set(name, withoutTemplateAssets(JSON.parse(readFileSync(join(dir, name), 'utf8'))));
    } else if (name === 'integ.json') {
      result.set(name, JSON.parse(readFileSync(join(dir, name), 'utf8')));
    } else if (name.startsWith('asset.') && statSync(join(dir, name)).isDirectory()) {
      result.set(name, '(asset)');
    }
  }
  return result;
}

function describeDiff(expected, actual) {
  const lines = [];
  for (const name of new Set([...expected.keys(), ...actual.keys()])) {
    const e = expected.get(name);
    const a = actual.get(name);
    if (e === undefined) { lines.push(`  + ${name}`); continue; }
    if (a === undefined) { lines.push(`  - ${name}`); continue; }
    if (JSON.stringify(e) === JSON.stringify(a)) continue;
    lines.push(`  ~ ${name}`);
    if (name.endsWith('.template.json')) {
      const er = e.Resources ?? {};
      const ar = a.Resources ?? {};
      for (const id of new Set([...Object.keys(er), ...Object.keys(ar)])) {
        if (!(id in er)) lines.push(`      [+] ${ar[id].Type} ${id}`);
        else if (!(id in ar)) lines.push(`      [-] ${er[id].Type} ${id}`);
        else if (JSON.stringify(er[id]) !== JSON.stringify(ar[id])) lines.push(`      [~] ${ar[id].Type} ${id}`);
      }
      for (const section of ['Parameters', 'Outputs', 'Conditions', 'Mappings', 'Rules', 'Description']) {
        if (JSON.stringify(e[section]) !== JSON.stringify(a[section])) lines.push(`      [~] ${section}`);
      }
    }
  }
  return lines;
}

/**
 * aws-cdk-lib records stack traces (absolute paths of this machine: each stack's creation, each
 * acknowledgment) in `<stack>.metadata.json` whatever the context says; integ-runner keeps only
 * `type` and `data` of metadata entries in its snapshots too (cleanManifest). Stripped here so
 * the committed files are the same on every machine.
 */
function removeCreationStacks(dir) {
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.metadata.json'))) {
    const file = join(dir, name);
    const metadata = JSON.parse(readFileSync(file, 'utf8'));
    for (const [path, entries] of Object.entries(metadata)) {
      const kept = entries
        .filter((entry) => entry.type !== 'aws:cdk:creationStack')
        .map(({ trace: _trace, ...entry }) => entry);
      if (kept.length === 0) delete metadata[path];
      else metadata[path] = kept;
    }
    writeFileSync(file, JSON.stringify(metadata, undefined, 1));
  }
}

async function run(test) {
  const snapshotDir = join(integDir, `${test}.snapshot`);
  const outdir = mkdtempSync(join(tmpdir(), 'integ-snapshot-'));
  try {
    await synth(test, outdir);
    if (update) {
      rmSync(snapshotDir, { recursive: true, force: true });
      cpSync(outdir, snapshotDir, { recursive: true, filter: (src) => !src.split(/[\\/]/).includes('.cache') });
      removeCreationStacks(snapshotDir);
      return { test, ok: true, message: 'snapshot written' };
    }
    if (!existsSync(snapshotDir)) {
      return { test, ok: false, message: 'no snapshot committed', lines: [] };
    }
    const lines = describeDiff(comparable(snapshotDir), comparable(outdir));
    return lines.length === 0 ? { test, ok: true, message: 'No Change!' } : { test, ok: false, message: 'Snapshot changed!', lines };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

// Two at a time: CI has 2 cores.
const started = Date.now();
const results = [];
const queue = [...tests];
await Promise.all([0, 1].map(async () => {
  while (queue.length > 0) {
    const test = queue.shift();
    try {
      results.push(await run(test));
    } catch (e) {
      results.push({ test, ok: false, message: e.message, lines: [] });
    }
  }
}));
results.sort((a, b) => a.test.localeCompare(b.test));
for (const r of results) {
  console.log(`  ${r.test} ${r.message}`);
  for (const line of r.lines ?? []) console.log(line);
}
const failed = results.filter((r) => !r.ok);
console.log(`integ snapshots: ${results.length - failed.length} of ${results.length} ${update ? 'written' : 'unchanged'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (failed.length > 0) {
  console.error('Integration-test snapshots are missing or stale. If the change is intended, run `npx projen integ:update`, '
    + 'review `git diff integ/`, and (before release) deploy them: see "Integration tests" in README.md.');
  process.exit(1);
}
