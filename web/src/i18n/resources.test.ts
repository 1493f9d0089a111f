import { describe, expect, it } from 'vitest';
import { LANGUAGES, RESOURCES } from './resources.ts';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
const english = flatten(RESOURCES.en.translation as Tree);

describe('translations', () => {
  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has exactly the English keys', (language) => {
    const other = flatten(RESOURCES[language].translation as Tree);
    expect([...other.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it.each(LANGUAGES)('%s has no empty text and keeps every placeholder of the English text', (language) => {
    for (const [key, text] of flatten(RESOURCES[language].translation as Tree)) {
      expect(text.trim(), key).not.toBe('');
      expect(placeholders(text), key).toEqual(placeholders(english.get(key)!));
    }
  });

  it('names a message for every error code the API client can raise', () => {
    for (const code of [
      'invalid',
      'unauthenticated',
      'forbidden',
      'not_found',
      'conflict',
      'payload_too_large',
      'rate_limited',
      'internal',
      'network',
    ]) {
      expect(english.has(`errors.${code}`), code).toBe(true);
    }
  });
});
