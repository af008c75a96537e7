import { describe, expect, it } from 'vitest';
import { InvalidTransition } from '../../src/errors.js';
import {
  advance,
  InvalidInvitationInput,
  type Invitation,
  lastContact,
  newInvitation,
  stateOf,
} from '../../src/letter/invitations.js';

const at = (iso: string) => new Date(iso);
const base = {
  name: '  Ban  Ki-moon ',
  country: 'kr',
  group: 'international-organisations',
  owner: 'Anna',
  channel: 'email',
  email: 'office@example.org',
  textVersion: 'sha256:0123456789ab',
};
const invited = (): Invitation => newInvitation('ban-ki-moon', base, at('2020-05-01T09:00:00Z'));

describe('newInvitation', () => {
  it('makes an invitation in state invited, fields cleaned, the contact kept private in the file', () => {
    expect(invited()).toEqual({
      id: 'ban-ki-moon',
      name: 'Ban Ki-moon',
      country: 'KR',
      group: 'international-organisations',
      owner: 'Anna',
      channel: 'email',
      contact: { email: 'office@example.org' },
      text_version: 'sha256:0123456789ab',
      history: [{ state: 'invited', at: '2020-05-01T09:00:00Z', by: 'Anna', channel: 'email' }],
    });
  });
  it('names the field that fails its schema', () => {
    expect(() =>
      newInvitation('x', { ...base, country: 'XX' }, at('2020-05-01T09:00:00Z')),
    ).toThrow(InvalidInvitationInput);
    try {
      newInvitation('x', { ...base, email: 'not-an-address' }, at('2020-05-01T09:00:00Z'));
    } catch (e) {
      expect((e as InvalidInvitationInput).field).toBe('contact.email');
    }
  });
});

describe('advance: the states of an invitation', () => {
  it('goes invited → reminded → reminded → agreed, each step dated', () => {
    let inv = invited();
    inv = advance(inv, 'reminded', at('2020-05-08T09:00:00Z'), { by: 'Anna', note: 'Called' });
    inv = advance(inv, 'reminded', at('2020-05-15T09:00:00Z'));
    expect(lastContact(inv)).toBe('2020-05-15T09:00:00Z');
    inv = advance(inv, 'agreed', at('2020-05-16T09:00:00Z'), { channel: 'phone' });
    expect(stateOf(inv)).toBe('agreed');
    expect(inv.history.map((h) => [h.state, h.at])).toEqual([
      ['invited', '2020-05-01T09:00:00Z'],
      ['reminded', '2020-05-08T09:00:00Z'],
      ['reminded', '2020-05-15T09:00:00Z'],
      ['agreed', '2020-05-16T09:00:00Z'],
    ]);
    expect(lastContact(inv)).toBe('2020-05-15T09:00:00Z');
  });
  it('refuses to agree or remind after a decline unless reopened explicitly', () => {
    const declined = advance(invited(), 'declined', at('2020-05-03T09:00:00Z'));
    expect(() => advance(declined, 'agreed', at('2020-05-04T09:00:00Z'))).toThrow(
      'Ban Ki-moon (ban-ki-moon) declined on 2020-05-03; nothing was written.',
    );
    expect(() => advance(declined, 'reminded', at('2020-05-04T09:00:00Z'))).toThrow(
      InvalidTransition,
    );
    const reopened = advance(declined, 'agreed', at('2020-05-04T09:00:00Z'), { reopen: true });
    expect(stateOf(reopened)).toBe('agreed');
  });
  it('refuses the same after no answer, and any step after an agreement', () => {
    const silent = advance(invited(), 'no-answer', at('2020-06-01T09:00:00Z'));
    expect(() => advance(silent, 'agreed', at('2020-06-02T09:00:00Z'))).toThrow(
      'gave no answer on 2020-06-01',
    );
    const agreed = advance(invited(), 'agreed', at('2020-05-02T09:00:00Z'));
    expect(() => advance(agreed, 'declined', at('2020-05-03T09:00:00Z'))).toThrow('already agreed');
    expect(() => advance(agreed, 'reminded', at('2020-05-03T09:00:00Z'))).toThrow(
      InvalidTransition,
    );
  });
  it('refuses an answer given twice and a step dated before the last one', () => {
    const declined = advance(invited(), 'declined', at('2020-05-03T09:00:00Z'));
    expect(() =>
      advance(declined, 'declined', at('2020-05-04T09:00:00Z'), { reopen: true }),
    ).toThrow('is already declined');
    expect(() => advance(invited(), 'reminded', at('2020-04-30T09:00:00Z'))).toThrow(
      'before the last step',
    );
  });
});
