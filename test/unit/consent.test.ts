import { describe, expect, it } from 'vitest';
import { InvalidTransition } from '../../src/errors.js';
import { changelogLine, eventsOf } from '../../src/letter/changelog.js';
import {
  agreedSignature,
  consentRecord,
  consentRecordId,
  evidenceOf,
  looksLikePath,
  reconfirm,
} from '../../src/letter/consent.js';
import { sig } from '../helpers/fixtures.js';

const now = new Date('2020-06-01T09:00:00Z');

describe('consent records', () => {
  it('tells a link, a file and a message id apart', () => {
    expect(evidenceOf('https://example.org/thread/1')).toEqual({
      url: 'https://example.org/thread/1',
    });
    expect(evidenceOf('mail.eml', { storedAs: 'evidence/x-mail.eml' })).toEqual({
      file: 'evidence/x-mail.eml',
    });
    expect(evidenceOf(' <CAF1@mail.example.org> ')).toEqual({
      message_id: '<CAF1@mail.example.org>',
    });
  });
  it('names a record by signature and time, numbered when taken', () => {
    expect(consentRecordId('ban-ki-moon', now, new Set())).toBe('ban-ki-moon-20200601t090000z');
    expect(consentRecordId('ban-ki-moon', now, new Set(['ban-ki-moon-20200601t090000z']))).toBe(
      'ban-ki-moon-20200601t090000z-2',
    );
  });
  it('builds a record checked against its schema', () => {
    expect(
      consentRecord(
        'a-1',
        {
          kind: 'agreed',
          channel: 'email',
          textVersion: 'sha256:0123456789ab',
          recordedBy: 'Anna',
          evidence: { message_id: 'm1' },
          invitation: 'a',
        },
        now,
      ),
    ).toEqual({
      id: 'a-1',
      kind: 'agreed',
      at: '2020-06-01T09:00:00Z',
      channel: 'email',
      text_version: 'sha256:0123456789ab',
      evidence: { message_id: 'm1' },
      recorded_by: 'Anna',
      invitation: 'a',
    });
    expect(() =>
      consentRecord(
        'a-1',
        { kind: 'agreed', channel: 'email', textVersion: 'v1', recordedBy: 'Anna' },
        now,
      ),
    ).toThrow('text_version');
  });
});

describe('agreedSignature', () => {
  const signed = sig('ann', 'Ann Lee', {
    status: 'pending',
    verified: undefined,
    text_version: 'sha256:bbbbbbbbbbbb',
  });
  it('with evidence: verified by who recorded it, with no public evidence link', () => {
    const s = agreedSignature(
      signed,
      {
        textVersion: 'sha256:aaaaaaaaaaaa',
        recordId: 'ann-1',
        recordedBy: 'Anna',
        withEvidence: true,
      },
      now,
    );
    expect(s).toMatchObject({
      status: 'verified',
      verified: { by: 'Anna', at: '2020-06-01T09:00:00Z' },
      text_version: 'sha256:aaaaaaaaaaaa',
      consent: 'ann-1',
    });
    expect(s.verified).not.toHaveProperty('evidence');
  });
  it('without evidence: pending', () => {
    expect(
      agreedSignature(
        signed,
        {
          textVersion: 'sha256:aaaaaaaaaaaa',
          recordId: 'ann-1',
          recordedBy: 'Anna',
          withEvidence: false,
        },
        now,
      ).status,
    ).toBe('pending');
  });
});

describe('reconfirm', () => {
  it('points the signature to the new text and record, and the changelog shows a reconfirmed event', () => {
    const s = reconfirm(
      sig('ann', 'Ann Lee', { text_version: 'sha256:bbbbbbbbbbbb' }),
      'sha256:aaaaaaaaaaaa',
      'ann-2',
      now,
      'Anna',
    );
    expect(s).toMatchObject({
      text_version: 'sha256:aaaaaaaaaaaa',
      consent: 'ann-2',
      reconfirmed: [
        { at: '2020-06-01T09:00:00Z', text_version: 'sha256:aaaaaaaaaaaa', by: 'Anna' },
      ],
    });
    const again = reconfirm(
      s,
      'sha256:cccccccccccc',
      'ann-3',
      new Date('2020-06-02T09:00:00Z'),
      'Ben',
    );
    const lines = eventsOf([again])
      .filter((e) => e.kind === 'reconfirmed')
      .map(changelogLine);
    expect(lines).toEqual([
      '- 2020-06-01T09:00:00Z reconfirmed: Ann Lee (ann) to sha256:aaaaaaaaaaaa by Anna',
      '- 2020-06-02T09:00:00Z reconfirmed: Ann Lee (ann) to sha256:cccccccccccc by Ben',
    ]);
  });
  it('refuses the text already agreed to with a record; gives a record to a signature without one', () => {
    const on = sig('ann', 'Ann Lee', { text_version: 'sha256:aaaaaaaaaaaa', consent: 'ann-1' });
    expect(() => reconfirm(on, 'sha256:aaaaaaaaaaaa', 'ann-2', now, 'Anna')).toThrow(
      'Signature ann already agreed to the text as it reads now (sha256:aaaaaaaaaaaa), with consent record ann-1; nothing to reconfirm.',
    );
    const without = sig('ann', 'Ann Lee', { text_version: 'sha256:aaaaaaaaaaaa' });
    expect(reconfirm(without, 'sha256:aaaaaaaaaaaa', 'ann-2', now, 'Anna').consent).toBe('ann-2');
  });
  it('refuses a withdrawn or rejected signature', () => {
    const gone = sig('ann', 'Ann Lee', {
      status: 'withdrawn',
      verified: undefined,
      withdrawn: { at: '2020-05-30T09:00:00Z', reason: 'asked' },
    });
    expect(() => reconfirm(gone, 'sha256:aaaaaaaaaaaa', 'x', now, 'Anna')).toThrow(
      InvalidTransition,
    );
  });
});

describe('looksLikePath', () => {
  it.each([
    ['reply.eml', true],
    ['./reply', true],
    ['~/mail/reply.eml', true],
    ['evidence/scan.pdf', true],
    ['C:\\mail\\reply.msg', true],
    ['<CAF3x9k2@mail.example.org>', false],
    ['CAF3x9k2@mail.example.org', false],
    ['<a/b@mail.example.org>', false],
    ['Signal message of 13 May, 10:02', false],
    ['call with his office', false],
  ])('%s → %s', (value, expected) => {
    expect(looksLikePath(value)).toBe(expected);
  });
});
