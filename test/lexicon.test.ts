import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LEXICON, findWord, normaliseLabel, startsWithWord } from '../src/parse/bpmn/lexicon.js';

/** The plain definitions the fast paths must agree with. */
const reference = {
  normalise: (label: string): string =>
    label
      .replace(/(\p{L})-\s*[\r\n]+\s*(\p{Ll})/gu, '$1$2')
      .replace(/(\p{L})- (\p{Ll})/gu, '$1$2')
      .replace(/\s+/g, ' ')
      .trim(),
  first: (label: string): string => reference.normalise(label).toLowerCase().split(/[^\p{L}\p{N}-]+/u)[0] ?? '',
};

/** Labels as modelling tools write them: words, hyphens, line breaks, doubled and odd spaces, umlauts. */
const label = fc
  .array(fc.constantFrom('Send', 'book', 'Kunde', 'Arbeits', 'vertrag', 'Über', '-', ' ', '  ', '\n', '\r\n', '\t', '\u00a0', '(', '2', 'a', 'É'), { maxLength: 12 })
  .map((parts) => parts.join(''));

describe('reading BPMN labels', () => {
  it('folds line breaks, doubled spaces and hyphenated line ends', () => {
    expect(normaliseLabel('Arbeits-\n vertrag  prüfen ')).toBe('Arbeitsvertrag prüfen');
    expect(normaliseLabel('Arbeits- vertrag')).toBe('Arbeitsvertrag');
    expect(normaliseLabel('E-Mail senden')).toBe('E-Mail senden');
    expect(normaliseLabel('Call\u00a0customer')).toBe('Call customer');
  });

  it('normalises as the plain definition does, whatever the label', () => {
    fc.assert(fc.property(label, (text) => normaliseLabel(text) === reference.normalise(text)));
  });

  it('finds the first word as the plain definition does, whatever the label', () => {
    const words = [...DEFAULT_LEXICON.scheduleVerbs, 'send', 'kunde', 'über', ''];
    fc.assert(fc.property(label, (text) => startsWithWord(text, words) === words.find((w) => w === reference.first(text))));
  });

  it('finds whole words and phrases only, asking about one label or several in turn', () => {
    expect(findWord('Remind the customer', DEFAULT_LEXICON.customer)).toBe('customer');
    expect(findWord('Customerservice', DEFAULT_LEXICON.customer)).toBeUndefined();
    expect(findWord('Read the customer data', DEFAULT_LEXICON.crm)).toBe('customer data');
    expect(findWord('Kunde\nbenachrichtigen', DEFAULT_LEXICON.contactVerbs)).toBe('benachrichtigen');
    expect(findWord('Kunde\nbenachrichtigen', DEFAULT_LEXICON.customer)).toBe('kunde');
    expect(startsWithWord('Book a test drive', DEFAULT_LEXICON.scheduleVerbs)).toBe('book');
    expect(startsWithWord('(Book) a test drive', DEFAULT_LEXICON.scheduleVerbs)).toBeUndefined();
    expect(findWord('Book a test drive', DEFAULT_LEXICON.meeting)).toBe('test drive');
  });
});
