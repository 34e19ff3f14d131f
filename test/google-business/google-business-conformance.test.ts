import { testChannel } from '../conformance/suite.js';
import { googleBusinessTarget } from './google-business-world.js';

testChannel(googleBusinessTarget);
