import { describe, expect, it } from 'vitest';
import { checkMediaFile, countPostText, mediaSetProblem, normalizePostText, postTextProblem } from './index';

describe('post text rules', () => {
  it('counts a URL as 23 characters whatever its length', () => {
    const url = `https://example.com/${'a'.repeat(200)}`;
    expect(countPostText(`Read ${url}`).weightedLength).toBe(5 + 23);
  });

  it('counts CJK characters and emoji as two', () => {
    expect(countPostText('日本').weightedLength).toBe(4);
    expect(countPostText('🙂').weightedLength).toBe(2);
  });

  it('normalizes the text X echoes back (t.co links, escaped entities) to compare with what was sent', () => {
    const sent = 'Tom & Jerry <3 https://example.com/launch\nsee you';
    const echoed = 'Tom &amp; Jerry &lt;3 https://t.co/a1B2c3 see you https://t.co/media9';
    expect(normalizePostText(echoed)).toBe(normalizePostText(sent));
    expect(normalizePostText('Tom & Jerry')).not.toBe(normalizePostText('Tom & Jerry!'));
  });

  it('explains by how much a post is too long', () => {
    expect(postTextProblem('x'.repeat(290))).toContain('Shorten it by 10');
    expect(postTextProblem('x'.repeat(280))).toBeNull();
    expect(postTextProblem('   ')).toBe('The post is empty.');
  });
});

describe('media rules', () => {
  it('accepts the types X accepts, within their sizes', () => {
    expect(checkMediaFile('image/png', 1000)).toEqual({ ok: true, kind: 'image' });
    expect(checkMediaFile('video/mp4', 100 * 1024 * 1024)).toEqual({ ok: true, kind: 'video' });
    const tooBig = checkMediaFile('image/jpeg', 6 * 1024 * 1024);
    expect(tooBig.ok).toBe(false);
    expect(!tooBig.ok && tooBig.problem).toContain('up to 5.0 MB');
    expect(checkMediaFile('image/bmp', 10).ok).toBe(false);
  });

  it('allows four images, or one GIF or video alone', () => {
    expect(mediaSetProblem(['image', 'image', 'image', 'image'])).toBeNull();
    expect(mediaSetProblem(['image', 'image', 'image', 'image', 'image'])).toContain('up to 4');
    expect(mediaSetProblem(['video', 'image'])).toContain('only media');
    expect(mediaSetProblem(['gif'])).toBeNull();
  });
});
