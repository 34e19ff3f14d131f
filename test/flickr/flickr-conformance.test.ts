import { testChannel } from '../conformance/suite.js';
import { flickrTarget } from './flickr-world.js';

testChannel(flickrTarget);
