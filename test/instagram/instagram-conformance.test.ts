import { testChannel } from '../conformance/suite.js';
import { instagramTarget } from './instagram-world.js';

testChannel(instagramTarget);
