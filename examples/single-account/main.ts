import { App } from 'aws-cdk-lib';
import { addSingleAccount } from './app';

const app = new App();
addSingleAccount(app);
app.synth();
