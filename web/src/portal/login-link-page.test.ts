import { describe, expect, it } from 'vitest';
import { tokenFromHash } from './login-link-page.tsx';

describe('tokenFromHash', () => {
  it('reads the token from the fragment of a login link', () => {
    expect(tokenFromHash('#token=abc-123_XY')).toBe('abc-123_XY');
    expect(tokenFromHash('token=abc')).toBe('abc');
  });

  it('gives nothing for a missing, empty or oversized token', () => {
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#token=')).toBeNull();
    expect(tokenFromHash('#other=1')).toBeNull();
    expect(tokenFromHash(`#token=${'x'.repeat(201)}`)).toBeNull();
  });
});
