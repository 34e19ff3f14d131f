/**
 * Facts of the YouTube Data API v3 discovery document (googleapis/google-api-go-client,
 * youtube/v3/youtube-api.json, BSD-3-Clause, at commit 01d3654546c18d6919bf61e79cbdc327ef8f264f): the query parameters of the
 * four methods the emulator serves and the properties of the resources it answers with.
 * Written by scripts/extract-youtube-shapes.ts; do not edit by hand.
 */
export interface ParameterFact {
  type: 'string' | 'integer' | 'boolean';
  required?: boolean;
  repeated?: boolean;
  enum?: readonly string[];
  minimum?: number;
  maximum?: number;
}

export const SOURCE = { repository: 'googleapis/google-api-go-client', path: 'youtube/v3/youtube-api.json', commit: '01d3654546c18d6919bf61e79cbdc327ef8f264f' } as const;

export const STANDARD_PARAMETERS = ['$.xgafv', 'access_token', 'alt', 'callback', 'fields', 'key', 'oauth_token', 'prettyPrint', 'quotaUser', 'uploadType', 'upload_protocol'] as const;

export const METHOD_PARAMETERS: Record<'commentThreads.list' | 'comments.list' | 'comments.insert' | 'videos.list', Record<string, ParameterFact>> = {
  'commentThreads.list': {allThreadsRelatedToChannelId: {type: 'string'}, channelId: {type: 'string'}, id: {type: 'string', repeated: true}, maxResults: {type: 'integer', minimum: 1, maximum: 100}, moderationStatus: {type: 'string', enum: ['published', 'heldForReview', 'likelySpam', 'rejected']}, order: {type: 'string', enum: ['orderUnspecified', 'time', 'relevance']}, pageToken: {type: 'string'}, part: {type: 'string', required: true, repeated: true}, searchTerms: {type: 'string'}, textFormat: {type: 'string', enum: ['textFormatUnspecified', 'html', 'plainText']}, videoId: {type: 'string'}},
  'comments.list': {id: {type: 'string', repeated: true}, maxResults: {type: 'integer', minimum: 1, maximum: 100}, pageToken: {type: 'string'}, parentId: {type: 'string'}, part: {type: 'string', required: true, repeated: true}, textFormat: {type: 'string', enum: ['textFormatUnspecified', 'html', 'plainText']}},
  'comments.insert': {part: {type: 'string', required: true, repeated: true}},
  'videos.list': {chart: {type: 'string', enum: ['chartUnspecified', 'mostPopular']}, hl: {type: 'string'}, id: {type: 'string', repeated: true}, locale: {type: 'string'}, maxHeight: {type: 'integer', minimum: 72, maximum: 8192}, maxResults: {type: 'integer', minimum: 1, maximum: 50}, maxWidth: {type: 'integer', minimum: 72, maximum: 8192}, myRating: {type: 'string', enum: ['none', 'like', 'dislike']}, onBehalfOfContentOwner: {type: 'string'}, pageToken: {type: 'string'}, part: {type: 'string', required: true, repeated: true}, regionCode: {type: 'string'}, videoCategoryId: {type: 'string'}},
};

/** The properties each schema documents: the emulator answers with these and no others. */
export const SCHEMA_PROPERTIES: Record<string, readonly string[]> = {
  Comment: ['etag', 'id', 'kind', 'snippet'],
  CommentListResponse: ['etag', 'eventId', 'items', 'kind', 'nextPageToken', 'pageInfo', 'tokenPagination', 'visitorId'],
  CommentSnippet: ['authorChannelId', 'authorChannelUrl', 'authorDisplayName', 'authorProfileImageUrl', 'canRate', 'channelId', 'likeCount', 'moderationStatus', 'parentId', 'publishedAt', 'textDisplay', 'textOriginal', 'updatedAt', 'videoId', 'viewerRating'],
  CommentThread: ['etag', 'id', 'kind', 'replies', 'snippet'],
  CommentThreadListResponse: ['etag', 'eventId', 'items', 'kind', 'nextPageToken', 'pageInfo', 'tokenPagination', 'visitorId'],
  CommentThreadReplies: ['comments'],
  CommentThreadSnippet: ['canReply', 'channelId', 'isPublic', 'topLevelComment', 'totalReplyCount', 'videoId'],
  PageInfo: ['resultsPerPage', 'totalResults'],
  Video: ['ageGating', 'contentDetails', 'etag', 'fileDetails', 'id', 'kind', 'liveStreamingDetails', 'localizations', 'monetizationDetails', 'player', 'processingDetails', 'projectDetails', 'recordingDetails', 'snippet', 'statistics', 'status', 'suggestions', 'topicDetails'],
  VideoListResponse: ['etag', 'eventId', 'items', 'kind', 'nextPageToken', 'pageInfo', 'prevPageToken', 'tokenPagination', 'visitorId'],
  VideoSnippet: ['categoryId', 'channelId', 'channelTitle', 'defaultAudioLanguage', 'defaultLanguage', 'description', 'liveBroadcastContent', 'localized', 'publishedAt', 'tags', 'thumbnails', 'title'],
};
