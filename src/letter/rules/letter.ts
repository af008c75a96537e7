/** The rules of `letter check` about letter.yaml and the body as a whole. */
import { at, problem } from '../../errors.js';
import { isNormalUrl } from '../urls.js';
import { notNormalUrl, type Rule } from './rule.js';

/** Past this many signatures, a letter keeps its files in shards (`layout: sharded`), so that no folder holds them all. */
export const FLAT_LAYOUT_LIMIT = 100_000;

/** `slug-mismatch`: the slug names the letter's folder. */
export const slugMatchesFolder: Rule = ({ letter, folderName, letterFile, locateLetter }) =>
  letter.slug === folderName
    ? []
    : [
        problem(
          'slug-mismatch',
          at(letterFile, locateLetter(['slug'])),
          `slug "${letter.slug}" differs from the folder name "${folderName}"`,
          `rename the folder or set slug: ${folderName}`,
        ),
      ];

/** `duplicate-group`: each group id is declared once (reported at the second and later). */
export const groupIdsUnique: Rule = ({ letter, letterFile, locateLetter }) => {
  const seen = new Set<string>();
  return letter.groups.flatMap((g, i) => {
    const twice = seen.has(g.id);
    seen.add(g.id);
    return twice
      ? [
          problem(
            'duplicate-group',
            at(letterFile, locateLetter(['groups', i, 'id'])),
            `group id "${g.id}" is declared twice`,
            'give each group its own id',
          ),
        ]
      : [];
  });
};

/** `url-not-normal`: the organisers' links and sign_url are in their normal form. */
export const letterUrlsNormal: Rule = ({ letter, letterFile, locateLetter, shown }) => [
  ...letter.organisers.flatMap((o, i) =>
    o.url !== undefined && !isNormalUrl(o.url)
      ? [
          notNormalUrl(
            letterFile,
            locateLetter(['organisers', i, 'url']),
            `organisers[${i}].url`,
            o.url,
            shown,
          ),
        ]
      : [],
  ),
  ...(letter.sign_url !== undefined && !isNormalUrl(letter.sign_url)
    ? [notNormalUrl(letterFile, locateLetter(['sign_url']), 'sign_url', letter.sign_url, shown)]
    : []),
];

/** `requires-groups`: a letter that requires group declares groups. */
export const requiresDeclaredGroups: Rule = ({ letter, letterFile, locateLetter }) =>
  letter.requires.includes('group') && letter.groups.length === 0
    ? [
        problem(
          'requires-groups',
          at(letterFile, locateLetter(['requires'])),
          'requires group, but the letter declares no groups',
          'declare groups: in letter.yaml, or remove group from requires',
        ),
      ]
    : [];

/** `empty-body`: the body file has some text (a warning: a new letter starts empty). */
export const bodyNotEmpty: Rule = ({ body, bodyFile }) =>
  body !== undefined && body.trim() === ''
    ? [problem('empty-body', at(bodyFile), 'the letter has no text yet')]
    : [];

/** `flat-layout-full`: past `FLAT_LAYOUT_LIMIT` files, a flat letter should move to shards. */
export const flatLayoutNotFull: Rule = ({ letter, letterFile, signatures, erased, shown }) => {
  const files = signatures.length + erased.length;
  if ((letter.layout ?? 'flat') !== 'flat' || files <= FLAT_LAYOUT_LIMIT) return [];
  return [
    problem(
      'flat-layout-full',
      at(letterFile),
      `${files.toLocaleString('en')} signature files in one folder; past ${FLAT_LAYOUT_LIMIT.toLocaleString('en')}, file systems and git slow down`,
      `move them into shards: letter fmt ${shown} --layout sharded`,
    ),
  ];
};
