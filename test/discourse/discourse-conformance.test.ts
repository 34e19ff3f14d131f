import { testChannel } from '../conformance/suite.js';
import { discourseTarget } from './discourse-world.js';

testChannel(discourseTarget);
