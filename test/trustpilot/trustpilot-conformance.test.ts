import { testChannel } from '../conformance/suite.js';
import { trustpilotTarget } from './trustpilot-world.js';

testChannel(trustpilotTarget);
