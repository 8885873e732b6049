// twitter-text ships no types; these cover the functions the sandbox uses.
declare module 'twitter-text' {
  type ParsedPost = { weightedLength: number; valid: boolean; permillage: number };
  const twitterText: {
    parseTweet(text: string): ParsedPost;
    extractMentions(text: string): string[];
    extractHashtags(text: string): string[];
  };
  export default twitterText;
}
