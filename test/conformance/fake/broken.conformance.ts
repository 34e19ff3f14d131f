/** Run by suite-catches-defects.test.ts only: the suite against a fake with one defect (FAKE_DEFECT). */
import { testChannel } from '../suite.js';
import type { FakeDefect } from './fake-channel.js';
import { fakeTarget } from './fake-world.js';

testChannel(fakeTarget(process.env.FAKE_DEFECT as FakeDefect));
