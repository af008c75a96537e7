/**
 * Finding a group of a letter from what a person wrote: a flag (`letter sign --group`,
 * `letter import --group`), a CSV cell or an issue form's answer. One rule for all of them:
 * the group's id, or its name in any case, space around the value ignored.
 */
import type { Group } from './schema.js';

/** The group `value` names: its id, or its name in any case (`Industry`, `industry`, ` INDUSTRY `). */
export function findGroup(groups: readonly Group[], value: string): Group | undefined {
  const v = value.trim();
  const lower = v.toLowerCase();
  return groups.find((g) => g.id === v || g.name.toLowerCase() === lower);
}

/** A value that names no group: why (`"x" is not a group of this letter`) and what to write instead. */
export interface UnknownGroup {
  reason: string;
  hint: string;
}

/**
 * The group `value` names (see `findGroup`), or why it names none: the reason quotes the
 * value, the hint lists the ids to use, or says the letter declares no groups.
 */
export function lookupGroup(
  groups: readonly Group[],
  value: string,
): { group: Group; unknown?: undefined } | { group?: undefined; unknown: UnknownGroup } {
  const group = findGroup(groups, value);
  if (group) return { group };
  return {
    unknown: {
      reason: `"${value}" is not a group of this letter`,
      hint:
        groups.length > 0
          ? `Use one of: ${groups.map((g) => g.id).join(', ')}`
          : 'The letter declares no groups.',
    },
  };
}
