/** The suite against a minimal compliant fake: every promise is checkable, and holds. */
import { testChannel } from './suite.js';
import { fakeTarget } from './fake/fake-world.js';

testChannel(fakeTarget());
