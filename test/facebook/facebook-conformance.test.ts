import { testChannel } from '../conformance/suite.js';
import { facebookTarget } from './facebook-world.js';

testChannel(facebookTarget);
