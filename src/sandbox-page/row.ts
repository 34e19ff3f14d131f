/** What the sandbox page shows of any platform: one message as its users see it, in one common shape. */
export type Place = 'timeline' | 'dm' | 'comments' | 'topic' | 'reviews';

export interface SandboxRow {
  /** Unique across platforms: "<platform>:<the platform's id>". */
  id: string;
  platform: string;
  place: Place;
  /** The conversation it belongs to (a post's conversation, a DM conversation, a topic, a review). */
  threadId: string;
  /** A caption for the thread (a post's text, a topic's title, a video's title), when there is one. */
  threadTitle?: string;
  author: string;
  /** Written by the account the bot runs as (the Page, the channel, the business). */
  isBot: boolean;
  text: string;
  /** Epoch ms. */
  at: number;
  /** Stars of a review. */
  rating?: number;
  /** The platform's own id, for a customer to answer it (inReplyTo). */
  nativeId: string;
}
