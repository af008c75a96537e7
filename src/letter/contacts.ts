/**
 * A signatory's private contact details (email, phone): their shape, the normal form an email
 * is compared in, who owns an email on a letter, and how a value may be shown in a message.
 * The private store (storage/private-store.ts) keeps them; `letter sign` and `letter import`
 * check them here. Finding contact details where they must not be, in public text, is
 * contact-details.ts.
 */
import { z } from 'zod';

// Read in linear time: the lookahead fixes the domain as the rest of the text (no `@` or space
// in it) before the dot is looked for.
/** An email address as the private store accepts it: one `@`, no space, a dot in the domain. */
export const EMAIL_PATTERN = /^[^\s@]+@(?=[^\s@]+$)[^\s@]+\.[^\s@]+$/;
/** A phone number as the private store accepts it: an optional `+`, then 6 to 30 digits, spaces and `()./-`. */
export const PHONE_PATTERN = /^\+?[0-9 ()./-]{6,30}$/;

/** Contact details of one signatory, as the private store holds them. */
export const contactSchema = z.strictObject({
  email: z.string().regex(EMAIL_PATTERN, 'must be an email address').optional(),
  phone: z.string().regex(PHONE_PATTERN, 'must be a phone number').optional(),
});
/** Contact details of one signatory. */
export type Contact = z.output<typeof contactSchema>;

/** Whether `value` is an email address the private store accepts (`EMAIL_PATTERN`). */
export function isEmail(value: string): boolean {
  return EMAIL_PATTERN.test(value);
}

/** Whether `value` is a phone number the private store accepts (`PHONE_PATTERN`). */
export function isPhone(value: string): boolean {
  return PHONE_PATTERN.test(value);
}

/** Normal form of an email for comparison: trimmed, lower case (`Ada@Example.org ` → `ada@example.org`). */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The owners of the emails of a letter's private store: `emailKey` of the email of `ids[i]`
 * → `owner(i)`, for each signature id that has an email in `contacts` (a later id wins a
 * shared email).
 */
export function emailOwners<T>(
  ids: readonly string[],
  contacts: Readonly<Record<string, Contact>>,
  owner: (i: number) => T,
): Map<string, T> {
  const owners = new Map<string, T>();
  ids.forEach((id, i) => {
    const email = contacts[id]?.email;
    if (email) owners.set(emailKey(email), owner(i));
  });
  return owners;
}

/**
 * A contact value as it may be shown in a message: an address as `j***@e***.org`, a phone
 * number with all but its last two digits hidden (`+** ** *** ** 00`). Never the whole value.
 */
export function maskContact(value: string): string {
  const v = value.trim();
  const at = v.lastIndexOf('@');
  if (at >= 0) {
    const domain = v.slice(at + 1);
    const dot = domain.lastIndexOf('.');
    const first = (s: string) => (s.length > 0 ? `${[...s][0]}***` : '***');
    return `${first(v.slice(0, at))}@${dot > 0 ? `${first(domain.slice(0, dot))}${domain.slice(dot)}` : first(domain)}`;
  }
  const total = v.replace(/\D/g, '').length;
  let seen = 0;
  return v.replace(/\d/g, (d) => (++seen > total - 2 ? d : '*'));
}
