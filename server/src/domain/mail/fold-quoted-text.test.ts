import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldQuotedText } from './fold-quoted-text.ts';

describe('foldQuotedText', () => {
  it('folds the history below an "On … wrote:" line', () => {
    const text = 'Still broken.\n\nOn Mon, 2 Mar 2026 at 10:00, Desk <support@provider.example> wrote:\n> Try again\n';
    expect(foldQuotedText(text)).toEqual({
      visible: 'Still broken.',
      folded: 'On Mon, 2 Mar 2026 at 10:00, Desk <support@provider.example> wrote:\n> Try again',
    });
  });

  it('folds an attribution wrapped over two lines', () => {
    const folded = foldQuotedText(
      'Thanks\n\nOn Mon, 2 Mar 2026 at 10:00, Service Desk\n<support@provider.example> wrote:\n> x',
    );
    expect(folded.visible).toBe('Thanks');
  });

  it('folds the signature after "-- "', () => {
    expect(foldQuotedText('Done, thanks.\n-- \nAnn\nACME Ltd')).toEqual({
      visible: 'Done, thanks.',
      folded: '-- \nAnn\nACME Ltd',
    });
  });

  it('folds an Outlook header block', () => {
    const text =
      'See below.\n\n________________________________\nFrom: Desk <support@provider.example>\nSent: Monday\nSubject: x\n\nold';
    expect(foldQuotedText(text).visible).toBe('See below.');
    const bare = 'See below.\n\nFrom: Desk <support@provider.example>\nSent: Monday\n\nold';
    expect(foldQuotedText(bare).visible).toBe('See below.');
  });

  it('keeps inline answers between quotes visible and folds trailing quotes only', () => {
    const text = '> Does it boot?\nNo.\n> Which version?\n4.2\n\n> thanks\n> desk';
    expect(foldQuotedText(text)).toEqual({
      visible: '> Does it boot?\nNo.\n> Which version?\n4.2',
      folded: '> thanks\n> desk',
    });
  });

  it('shows a message that is nothing but quotes whole', () => {
    expect(foldQuotedText('> only a quote')).toEqual({ visible: '> only a quote', folded: null });
    expect(foldQuotedText('plain text')).toEqual({ visible: 'plain text', folded: null });
  });

  it('never loses text: what is shown and what is folded together hold every non-blank line', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant('> q'), fc.constant('-- '), fc.constant(''), fc.string())), (parts) => {
        const text = parts.join('\n');
        const { visible, folded } = foldQuotedText(text);
        const words = (s: string) => s.split(/\s+/).filter(Boolean).join(' ');
        expect(words(`${visible}\n${folded ?? ''}`)).toBe(words(text));
      }),
    );
  });
});
