/** Run by suite-catches-defects.test.ts only: the suite against the fake channel with one defect (FAKE_DEFECT). */
import type { FakeDefect } from '../../support/fake-channel.js';
import { testChannel } from '../suite.js';
import { fakeTarget } from './fake-world.js';

testChannel(fakeTarget(process.env.FAKE_DEFECT as FakeDefect));
