import { App } from 'aws-cdk-lib';
import { addLandingZone } from './app';

const app = new App();
addLandingZone(app);
app.synth();
