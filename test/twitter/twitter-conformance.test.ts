import { testChannel } from '../conformance/suite.js';
import { twitterTarget } from './twitter-world.js';

testChannel(twitterTarget);
