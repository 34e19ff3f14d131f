import { testChannel } from '../conformance/suite.js';
import { youtubeTarget } from './youtube-world.js';

testChannel(youtubeTarget);
