import { testChannel } from '../conformance/suite.js';
import { wordpressTarget } from './wordpress-world.js';

testChannel(wordpressTarget);
