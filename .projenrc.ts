import { awscdk, javascript, release } from 'projen';

/**
 * The minimum aws-cdk-lib this library supports, and the version it is built and tested against
 * (users may use any newer 2.x). cdk-nag 3 (compliance tests) declares aws-cdk-lib >= 2.257.0, but
 * its packs only run as validation plugins from 2.258.0, the first release whose
 * IPolicyValidationContext carries `appConstruct` (2.257.0 makes every pack fail with
 * "NagPack requires a construct tree on the validation context").
 */
const CDK_VERSION = '2.258.0';
const CONSTRUCTS_VERSION = '10.5.1';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-cloudtrail-baseline',
  description:
    'AWS CDK constructs for the CloudTrail audit baseline of an AWS Organization: organization trail, ' +
    'KMS-encrypted and tamper-protected log archive, CIS / Security Hub metric filters and alarms, and alarm actions.',
  author: 'cdk-cloudtrail-baseline contributors',
  authorAddress: 'security@example.com',
  repositoryUrl: 'https://github.com/example/cdk-cloudtrail-baseline.git',
  keywords: ['cdk', 'awscdk', 'cloudtrail', 'cis', 'security-hub', 'log-archive', 'organizations', 'audit'],
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,

  cdkVersion: CDK_VERSION,
  constructsVersion: CONSTRUCTS_VERSION,
  jsiiVersion: '~6.0.0',

  // The member-account StackSet of OrganizationFastPath (cdklabs, jsii, Apache-2.0): a peer, since its
  // StackSet and StackSetStack appear in this library's API (npm 7+ installs peers).
  peerDeps: ['cdk-stacksets@^0.0.153'],

  // Sources live in lib/ (one folder per concern); jsii compiles them to out/.
  srcdir: 'lib',
  libdir: 'out',
  entrypoint: 'out/index.js',
  // `npx cdk-cloudtrail-baseline replay <files>`: the offline noise estimate (lib/replay).
  bin: { 'cdk-cloudtrail-baseline': 'bin/cdk-cloudtrail-baseline' },
  testdir: 'test',
  sampleCode: false,

  // CI is .ci/run on this project's own machines: no GitHub workflows. Releases are cut by hand from
  // git tags (docs/releasing.md): `npx projen release` bumps the version from the latest v* tag and
  // the commits since (conventional commits), builds, packages JavaScript into dist/js/ and writes
  // dist/releasetag.txt; `npx projen publish:git` tags, writes the changelog and pushes; the npm
  // package is published from dist/js with `npx -p publib@0 publib-npm`.
  github: false,
  release: true,
  releaseToNpm: true,
  releaseTrigger: release.ReleaseTrigger.manual(),
  majorVersion: 0,
  // Lambda handlers are bundled explicitly below, not auto-discovered.
  lambdaAutoDiscover: false,
  integrationTestAutoDiscover: false,

  // The replay CLI streams log files over 16 MiB through a streaming JSON parser (lib/replay/decode.ts).
  // Bundled: jsii requires every runtime dependency that is not a jsii module to be bundled.
  // @streamparser/json: no dependencies, CommonJS and ESM builds, no install scripts (stream-json 3
  // is ESM only and needs Node >= 22; measured slower in docs/replay.md).
  bundledDeps: ['@streamparser/json@^0.0.26'],

  devDeps: [
    'typescript@~5.9.0',
    '@types/node@^20',
    'aws-cdk@^2.1148.1',
    'cdk-nag@^3.0.2',
    '@cdklabs/cdk-validator-cfnguard@^0.0.62',
    'esbuild@^0.28.2',
    '@aws-sdk/client-sns@^3',
    '@aws-sdk/client-cloudwatch-logs@^3',
    '@aws-sdk/client-secrets-manager@^3',
    'aws-sdk-client-mock@^4',
    '@types/aws-lambda@^8',
    '@aws-sdk/client-s3@^3',
    '@aws-sdk/client-cloudwatch@^3',
    '@aws-sdk/client-cloudtrail@^3',
    // `validate` (lib/evidence/validate/) calls organizations:DescribeOrganization for organization
    // trails; bundled with the other clients into assets/validate/index.js.
    '@aws-sdk/client-organizations@^3',
    // An S3-compatible server on 127.0.0.1 that keeps object metadata (x-amz-meta-signature):
    // the `validate` tests run the command against it. No install scripts.
    's3rver@^3.7.1',
    // The newest integ-tests-alpha on the registry (its peer range, ^2.245.0, accepts the 2.258.0
    // we build against; no 2.258.0-alpha.0 was published to the registry these machines reach).
    '@aws-cdk/integ-tests-alpha@2.245.0-alpha.0',
    '@aws-cdk/integ-runner@^2.197.10',
    // Decides IAM requests against the synthesized policies (test/security, test/organization): SCPs,
    // RCPs, resource and identity policies; no install scripts. AGPL-3.0: a devDependency only, never
    // bundled or published with the library.
    '@cloud-copilot/iam-simulate@0.1.173',
    // `npx cdk synth` (cdk.json) runs the examples from their TypeScript sources with tsx (esbuild,
    // no type-checking: `npm test` type-checks them). No install scripts; uses the esbuild above.
    'tsx@^4.23.15',
    // Embedded DuckDB (MIT): the filter pattern -> SQL equivalence test (test/history) runs the compiled
    // predicates over the CloudTrail corpus. No install scripts: the platform binary is an optional
    // dependency (@duckdb/node-bindings-<platform>).
    '@duckdb/node-api@1.5.6-r.1',
  ],

  jestOptions: {
    // Snapshots are only written on purpose (`npx projen test:update`), never by `npm test`,
    // so a changed template fails the tests in CI instead of silently rewriting the snapshot.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    // `npm test` on 2 cores: no coverage (no threshold is enforced; `npx jest --coverage` still
    // reports it) and two workers (jest's default on 2 cores is one: the ~60 s compliance suite
    // then blocks every other suite).
    extraCliOptions: ['--coverage=false', '--maxWorkers=2'],
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // The compliance test synthesizes two apps and runs cfn-guard: give it room on 2 cores.
      testTimeout: 120_000,
      // The AWS SDK's Node 20 warning, silenced in tests only (test/support/quiet-sdk-warning.ts).
      setupFiles: ['<rootDir>/test/support/quiet-sdk-warning.ts'],
      // "A worker process has failed to exit gracefully" was no leak: a probe (NODE_OPTIONS --require,
      // SIGTERM and 'exit' handlers in every worker) showed both workers reach process 'exit' on
      // their own, with no handle left, and never run the SIGTERM handler: the ~1 GB workers (every
      // suite synthesizes CDK apps) take longer than jest's default 500 ms to tear down on 2 busy
      // cores. Give the exit 5 s; a leaked handle would still hang the worker past it and warn.
      workerGracefulExitTimeout: 5_000,
    },
  },

  eslintOptions: {
    dirs: ['lib'],
    devdirs: ['test', 'examples', 'integ', 'projenrc'],
    // `npm test` (and so CI) checks and never rewrites the sources it checks: `npx projen eslint:fix`
    // applies eslint's fixes on purpose.
    commandOptions: { fix: false },
  },

  // The Lambda handler is bundled by esbuild (below), not compiled by jsii: it is not public API.
  excludeTypescript: ['lib/evidence/validate/**', 'lib/alarm-actions/notifier-handler/**', 'lib/log-archive/mfa-delete-check-handler/**', 'lib/trail/trail-logging-remediation-handler/**', 'lib/evidence/digest-validator-handler/**'],

  // jsii-pacmak targets: Python, Java, .NET and Go bindings (`npx projen package:code-only` generates
  // their sources; `npx projen package-all` builds them where the toolchains are installed). No
  // release automation yet (release: false): these only name the packages.
  publishToPypi: {
    distName: 'cdk-cloudtrail-baseline',
    module: 'cdk_cloudtrail_baseline',
  },
  publishToMaven: {
    javaPackage: 'com.example.cdk.cloudtrailbaseline',
    mavenGroupId: 'com.example',
    mavenArtifactId: 'cdk-cloudtrail-baseline',
  },
  publishToNuget: {
    dotNetNamespace: 'Example.Cdk.CloudTrailBaseline',
    packageId: 'Example.Cdk.CloudTrailBaseline',
  },
  publishToGo: {
    moduleName: 'github.com/example/cdk-cloudtrail-baseline-go',
  },

});

// The notifier Lambda handler is bundled when the library is built (not when a user synthesizes),
// into assets/ which is committed and published, so that users need neither esbuild nor Docker
// and the asset hash is identical on every machine. test/alarm-actions/notifier-bundle.test.ts
// fails when the committed bundle no longer matches the handler's source.
const bundleNotifier = project.addTask('bundle:notifier', {
  description: 'Bundle the alarm notifier Lambda handler into assets/notifier/index.js',
  // Runs on the Lambda Node.js 24 runtime (syntax target node22), which provides the AWS SDK for
  // JavaScript v3: hence external.
  exec: 'esbuild --bundle lib/alarm-actions/notifier-handler/index.ts --target=node22 --platform=node '
    + "--outfile=assets/notifier/index.js '--external:@aws-sdk/*'",
});
project.bundler.bundleTask.spawn(bundleNotifier);
// The log archive's MFA delete check handler, the same way (test/log-archive/mfa-delete-check-bundle.test.ts).
const bundleMfaDeleteCheck = project.addTask('bundle:mfa-delete-check', {
  description: 'Bundle the MFA delete check Lambda handler into assets/mfa-delete-check/index.js',
  exec: 'esbuild --bundle lib/log-archive/mfa-delete-check-handler/index.ts --target=node22 --platform=node '
    + "--outfile=assets/mfa-delete-check/index.js '--external:@aws-sdk/*'",
});
project.bundler.bundleTask.spawn(bundleMfaDeleteCheck);
// The trail logging remediation handler, the same way (test/trail/trail-logging-remediation-bundle.test.ts).
const bundleRemediation = project.addTask('bundle:trail-logging-remediation', {
  description: 'Bundle the trail logging remediation Lambda handler into assets/trail-logging-remediation/index.js',
  exec: 'esbuild --bundle lib/trail/trail-logging-remediation-handler/index.ts --target=node22 --platform=node '
    + "--outfile=assets/trail-logging-remediation/index.js '--external:@aws-sdk/*'",
});
project.bundler.bundleTask.spawn(bundleRemediation);
// `cdk-cloudtrail-baseline validate` calls S3, CloudTrail and Organizations from the user's machine:
// bundled, minified, with the AWS SDK v3 (Apache-2.0: assets/validate/THIRD-PARTY-LICENSES.md),
// so the library needs no SDK among its runtime dependencies (jsii would have to bundle them all).
// lib/replay/cli.ts loads it for the `validate` command; test/evidence/validate-bundle.test.ts
// fails when it no longer matches its sources.
const bundleValidate = project.addTask('bundle:validate', {
  description: 'Bundle the `validate` command with the AWS SDK into assets/validate/index.js, with the list and licenses of what it bundles',
  exec: 'esbuild --bundle lib/evidence/validate/index.ts --target=node20 --platform=node --minify --legal-comments=eof '
    + '--outfile=assets/validate/index.js',
});
// The SDK's packages carry no license comments for --legal-comments to keep: their names,
// versions and license texts go to assets/validate/THIRD-PARTY-LICENSES.md instead.
bundleValidate.exec('node scripts/validate-bundle-licenses.mjs');
project.bundler.bundleTask.spawn(bundleValidate);
// The digest validator handler, the same way (test/evidence/digest-validator-bundle.test.ts).
const bundleDigestValidator = project.addTask('bundle:digest-validator', {
  description: 'Bundle the digest validator Lambda handler into assets/digest-validator/index.js',
  exec: 'esbuild --bundle lib/evidence/digest-validator-handler/index.ts --target=node22 --platform=node '
    + "--outfile=assets/digest-validator/index.js '--external:@aws-sdk/*'",
});
project.bundler.bundleTask.spawn(bundleDigestValidator);
project.gitignore.include('/assets/');
project.npmignore?.include('/assets/');

// `npm test` also proves that the library stays jsii-compatible and that everything type-checks
// (ts-jest runs with isolatedModules, which skips type checking). Tests, examples, integration
// tests, benchmarks and the Lambda handlers share one program (tsconfig.typecheck.json: one pass
// instead of four; the handlers' own tsconfig.json files serve eslint and their editors).
const typecheck = project.addTask('typecheck', {
  description: 'Type-check tests, examples, integration tests, benchmarks and the Lambda handlers',
  exec: 'tsc --noEmit -p tsconfig.typecheck.json',
});

// Integration tests (integ/integ.*.ts, IntegTest from integ-tests-alpha): their snapshots are
// checked by `npm test` without deploying and without credentials; `integ:update` rewrites them.
// scripts/integ-snapshot.mjs says why integ-runner itself cannot synthesize them yet.
const integSnapshot = project.addTask('integ:snapshot', {
  description: 'Fail when an integration-test snapshot (integ/*.snapshot) is missing or stale (no deployment)',
  exec: 'node scripts/integ-snapshot.mjs',
  receiveArgs: true,
});
project.addTask('integ:update', {
  description: 'Rewrite the integration-test snapshots (no deployment; deploy them with integ-runner, see README)',
  exec: 'node scripts/integ-snapshot.mjs --update',
  receiveArgs: true,
});
// The test task: jsii compile, one type-check program, jest, the integration-test snapshot check.
// eslint (a check of style, not of behaviour) runs in .ci/run right after `npm test`, and on its own
// with `npx projen eslint`: npm test with it took 182 s here, over its 150 s budget (docs/testing.md).
// Running the single-threaded steps two at a time gained nothing on 2 cores (measured: 79 s vs 77 s).
project.testTask.reset();
project.testTask.spawn(project.compileTask);
project.testTask.spawn(typecheck);
project.testTask.exec('jest --coverage=false --maxWorkers=2 --passWithNoTests --ci', { receiveArgs: true });
project.testTask.spawn(integSnapshot);
project.gitignore.exclude('/integ/cdk-integ.out.*', '/integ/cdk.context.json', '.jsii.tabl.json');
project.npmignore?.exclude('/integ/', '/tsconfig.typecheck.json', '/rosetta/');

// Library code throws CloudTrailBaselineError(property, rule) (lib/private/errors.ts), never a
// plain Error: the message must name the prop and the rule. Lambda handlers (lib/**/*-handler/)
// are exempt: they run in Lambda, not at synth, and have no construct prop to name.
const plainErrors = ['Error', 'TypeError', 'RangeError'];
project.eslint?.addOverride({
  files: ['lib/**/*.ts'],
  excludedFiles: ['lib/**/*-handler/**'],
  rules: {
    'no-restricted-syntax': ['error', ...plainErrors.flatMap((name) => [
      {
        selector: `ThrowStatement > NewExpression[callee.name='${name}']`,
        message: `Throw CloudTrailBaselineError(property, rule) from lib/private/errors.ts, not a plain ${name}.`,
      },
      {
        selector: `ThrowStatement > CallExpression[callee.name='${name}']`,
        message: `Throw CloudTrailBaselineError(property, rule) from lib/private/errors.ts, not a plain ${name}.`,
      },
    ])],
  },
});

// The fixing counterpart of the eslint task (which `npm test` runs without --fix): the same task,
// files and environment, with --fix.
const eslintFix = project.addTask('eslint:fix', {
  description: 'Runs eslint against the codebase and applies its fixes (`npm test` only checks)',
});
eslintFix.spawn(project.eslint!.eslintTask, { args: ['--fix'], receiveArgs: true });

// unrs-resolver 1.13.0 (jest, eslint-import-resolver-typescript) lists platform bindings that the
// npm registry mirror of this project's machines does not serve yet, so npm leaves them out of the
// lockfile and `npm ci` then refuses it. 1.12.2 has every binding; lift this when 1.13 is complete.
project.package.addField('overrides', { 'unrs-resolver': '1.12.2' });

// The main job: `npx cdk synth` synthesizes the landing-zone example into cdk.out.
project.gitignore.exclude('cdk.out/', '.cdk.staging/');
// Stack traces and debuggers follow the inline source maps of out/**/*.js to ../lib/**/*.ts: ship
// those sources (projen leaves lib/ out of the package by default).
project.npmignore?.removePatterns('/lib/');
project.npmignore?.exclude('/examples/', '/cdk.json', '/cdk.out/', '/.ci/', '/scripts/', '/benchmarks/');

// Benchmarks print figures; they are not timed tests.
project.addTask('bench:notifier', {
  description: 'Print the notifier bundle size (raw, minified, gzip; the AWS SDK excluded)',
  exec: 'node benchmarks/notifier-bundle-size.mjs',
});
project.addTask('bench:archive-cost', {
  description: 'Print the lifetime cost of a log file per object size under each lifecycle policy, and the monthly bill of an organization ([GB per month] [objects per month])',
  exec: 'tsx benchmarks/archive-cost.ts',
  receiveArgs: true,
});
project.addTask('bench:replay', {
  description: 'Print replay events/s against read + gunzip + JSON.parse on a generated CloudTrail corpus',
  exec: 'node benchmarks/replay-throughput.mjs',
  receiveArgs: true,
});
project.addTask('bench:synth', {
  description: 'Print the synth time of the landing-zone example vs a bare aws-cdk-lib Trail app (median of N runs, ratio)',
  exec: 'node benchmarks/synth-time.mjs',
  receiveArgs: true,
});
project.addTask('bench:main-command', {
  description: 'Print the README main command (npx cdk synth) vs a bare aws-cdk-lib Trail app run the same way, and the CPU profile shares (library, aws-cdk-lib, rest)',
  exec: 'node benchmarks/main-command.mjs',
  receiveArgs: true,
});
project.addTask('bench:test', {
  description: 'Print the wall time of `npm test` and of each of its steps',
  exec: 'node benchmarks/npm-test-time.mjs',
  receiveArgs: true,
});

// The jest suite against the newest aws-cdk-lib (what users get), without saving it; .ci/run runs
// it after the main checks. docs/testing.md says what it skips (snapshot comparisons) and why.
project.addTask('test:latest-cdk', {
  description: 'Run jest against the newest aws-cdk-lib (npm install --no-save, snapshot comparisons skipped and printed), print the synth benchmark for both versions, restore node_modules (npm ci)',
  exec: 'node scripts/test-latest-cdk.mjs',
  receiveArgs: true,
});

// Sources of the other jsii languages, without their toolchains or registries (dist/<lang>/).
// Not part of `npm test` (pacmak takes minutes); see README "Other languages".
project.addTask('package:code-only', {
  description: 'Generate the Python, Java, .NET and Go bindings\' sources (jsii-pacmak --code-only) into dist/',
  exec: 'jsii-pacmak --code-only --target python --target java --target dotnet --target go',
});

// The examples of README.md and of every docs/*.md page compile against the jsii assembly
// (rosetta/default.ts-fixture), strictly: a snippet that does not compile fails. Runs after compile
// (it reads .jsii; scripts/rosetta-docs.mjs adds the docs pages to the assembly's README for the run).
// The README's compliance example imports cdk-nag and the cfn-guard validator, and the filter
// pattern example Node's fs: rosetta compiles snippets against the assembly's dependencies plus these.
project.package.addField('jsiiRosetta', {
  exampleDependencies: {
    'cdk-nag': '^3.0.2',
    '@cdklabs/cdk-validator-cfnguard': '^0.0.62',
    '@types/node': '^20',
  },
});
project.addTask('rosetta:extract', {
  description: 'Compile the TypeScript examples of README.md and docs/*.md with jsii-rosetta (strict) against the jsii assembly',
  exec: 'node scripts/rosetta-docs.mjs',
});

// `npx projen build` packages JavaScript only, in CI or not: the other languages' toolchains and
// registries are not on this project's machines (`npx projen package-all` builds every target where
// they are; `npx projen package:code-only` generates their sources anywhere).
const packageTask = project.tasks.tryFind('package')!;
packageTask.reset();
packageTask.spawn(project.tasks.tryFind('package:js')!);

project.synth();
