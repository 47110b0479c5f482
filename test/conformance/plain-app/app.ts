import { App, Stage } from 'aws-cdk-lib';
import { NotesStack } from './notes-stack';

/**
 * A CDK app written the way the CDK's own docs write one, for the local runtime's conformance tests:
 * its stack sits in a Stage (the first step towards a pipeline) under a stackName of its own.
 */
const app = new App();
const dev = new Stage(app, 'Dev');
new NotesStack(dev, 'Notes', { stackName: 'plain-notes' });
