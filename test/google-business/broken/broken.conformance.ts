/** Run by review-promises-catch-defects.test.ts only: the suite against Google Business Profile channels with one review defect (REVIEW_DEFECT). */
import { testChannel } from '../../conformance/suite.js';
import { brokenReviewTarget, type ReviewDefect } from './broken-review-world.js';

testChannel(brokenReviewTarget(process.env.REVIEW_DEFECT as ReviewDefect));
