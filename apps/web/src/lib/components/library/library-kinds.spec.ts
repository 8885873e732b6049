import { describe, expect, it } from 'vitest';
import { parseHashtags } from './library-kinds';

describe('hashtag groups', () => {
  it('reads hashtags separated by spaces or commas, with or without #', () => {
    expect(parseHashtags('launch, #BuildInPublic  ship')).toEqual(['#launch', '#BuildInPublic', '#ship']);
  });

  it('drops duplicates whatever their case, and anything that is not a hashtag', () => {
    expect(parseHashtags('#a #A b-c ## d')).toEqual(['#a', '#d']);
  });
});
