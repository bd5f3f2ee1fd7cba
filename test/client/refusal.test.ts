import { describe, expect, it } from 'vitest';
import { ApiError } from '../../client/core/api.ts';
import { translator } from '../../client/core/i18n.ts';
import { refusalText } from '../../client/ui/context.ts';

const refused = (body: unknown) => new ApiError(503, 'Service unavailable', 'the plan took longer than the limit of 60 s; plan fewer works at a time', body);

describe('long work the server refused, in the reader\'s language', () => {
  it('says a time limit in Dutch with its seconds, not the server\'s English', () => {
    expect(refusalText(translator('nl'), refused({ reason: 'timeout', limit_s: 60 }))).toBe('dit duurde langer dan de limiet van 60 s; maak de vraag kleiner (minder werken, een kortere sleuf of het bestand in delen)');
    expect(refusalText(translator('en'), refused({ reason: 'busy', retryAfter_s: 5 }))).toBe('the server is busy with other long work; try again in 5 s');
  });

  it('leaves any other problem to its own detail', () => {
    expect(refusalText(translator('nl'), refused({ reason: 'unheard-of' }))).toBeUndefined();
    expect(refusalText(translator('nl'), new ApiError(404, 'Niet gevonden', 'er is geen planning', {}))).toBeUndefined();
  });
});
