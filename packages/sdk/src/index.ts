export { createTweetFlowClient, type TweetFlowClient, type TweetFlowClientOptions } from './client.ts';
export { TweetFlowError, type TweetFlowErrorCode } from './errors.ts';
export { uploadMedia, type MediaConnection, type MediaUpload, type UploadedMedia } from './media.ts';
export { watchPost, watchRun, type WatchOptions } from './watch.ts';
export type { AppRouter, Post, PostDetail, RouterInputs, RouterOutputs, WorkflowRun, WorkspaceEvent } from './types.ts';
