// jest setupFilesAfterEnv for `npx projen test:latest-cdk` only (scripts/test-latest-cdk.mjs): the
// snapshots (test/examples) were recorded with the aws-cdk-lib this repo builds against; a newer
// aws-cdk-lib legitimately changes templates (new defaults, metadata). Every other assertion runs;
// snapshot comparisons are skipped, each with a printed reason, and counted at the end.
const version = require('aws-cdk-lib/package.json').version;
const skipped = [];
expect.extend({
  toMatchSnapshot() {
    const name = expect.getState().currentTestName;
    skipped.push(name);
    // The committed snapshot is kept as it is: marked as checked, so that jest neither reports it
    // as obsolete (which fails the run) nor removes it.
    this.snapshotState.markSnapshotsAsCheckedForTest(name);
    process.stdout.write(`snapshot comparison skipped (aws-cdk-lib ${version}; snapshots recorded with the pinned version): ${name}\n`);
    return { pass: true, message: () => '' };
  },
});
afterAll(() => {
  if (skipped.length > 0) process.stdout.write(`${skipped.length} snapshot comparison(s) skipped in this file on aws-cdk-lib ${version}\n`);
});
