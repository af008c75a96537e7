/**
 * Every code a problem of `letter check` can carry. Data only: `src/errors.ts` builds problems
 * with these codes (`problem()`), `letter check --list-codes` prints them, and the README's
 * "Problem codes" table is held equal to them by test/unit/problem-codes.test.ts.
 */

/** "error" makes `letter check` fail; "warning" does not. */
export type Severity = 'error' | 'warning';

/**
 * Every code a problem can carry, once, with its severity and what it means to a user
 * (`letter check --list-codes`, and the README's "Problem codes", which a test keeps equal).
 * `either`: the caller decides (a contributor's change is refused where an editor's is named
 * for review). Codes are stable: scripts filter `--format json` by them.
 */
export const PROBLEM_CODES = {
  // The letter's files as files: names, places, encodings.
  'not-a-letter': { severity: 'error', description: 'a folder under letters/ has no letter.yaml' },
  'not-utf8': { severity: 'error', description: 'a file is not UTF-8 text' },
  'merge-conflict': { severity: 'error', description: 'a file holds merge-conflict markers' },
  'symbolic-link': { severity: 'error', description: 'a letter folder holds a symbolic link' },
  'unknown-file': { severity: 'error', description: 'a file that is not part of a letter folder' },
  'missing-body': {
    severity: 'error',
    description: 'the body file named in letter.yaml does not exist',
  },
  'not-a-folder': { severity: 'error', description: 'signatures is a file, not a folder' },
  'bad-folder-name': {
    severity: 'error',
    description: 'a folder under signatures/ that is not a shard',
  },
  'bad-file-name': {
    severity: 'error',
    description: 'a file under signatures/ whose name is not a signature id and .yaml',
  },
  'reserved-file-name': {
    severity: 'error',
    description: 'a signature file name that Windows reserves for a device',
  },
  'temporary-file': {
    severity: 'warning',
    description: 'the temporary file of an interrupted write',
  },
  'not-a-file': { severity: 'error', description: 'a signature entry that is a link or a folder' },
  'too-large': {
    severity: 'error',
    description: 'a signature file larger than a signature can be',
  },
  'misplaced-file': {
    severity: 'error',
    description: "a signature file outside the folder the letter's layout puts it in",
  },
  'contact-details': {
    severity: 'error',
    description: 'an email address or phone number in a public file of the letter',
  },
  'private-tracked': { severity: 'error', description: 'git tracks a file of the private store' },
  'private-not-ignored': {
    severity: 'error',
    description: 'git does not ignore the private store: `git add -A` would commit it',
  },
  'invitee-in-public-file': {
    severity: 'error',
    description: 'the name or contact of an invitee who has not agreed is in a public file',
  },
  'schema-missing': {
    severity: 'warning',
    description: 'the letter has no JSON Schema for editors',
  },
  'schema-outdated': { severity: 'warning', description: 'a JSON Schema file is out of date' },
  'template-syntax': { severity: 'error', description: 'a template does not parse' },
  'template-unescaped': {
    severity: 'warning',
    description: 'a template outputs a field unescaped ({{{ }}})',
  },
  'template-render': { severity: 'error', description: 'a template fails to render the letter' },
  // YAML as text.
  'yaml-too-deep': { severity: 'error', description: 'lists and fields nest too deep' },
  'yaml-version': {
    severity: 'error',
    description: 'the file asks for a YAML version other than 1.2',
  },
  'yaml-comment': {
    severity: 'warning',
    description: 'a "#" cut a value short: the rest is a YAML comment',
  },
  'yaml-aliases': { severity: 'error', description: 'too many YAML aliases' },
  'yaml-tag': { severity: 'error', description: 'a YAML tag (!foo), which letter does not read' },
  'yaml-complex-key': { severity: 'error', description: 'a key that is a list or a mapping' },
  'yaml-duplicate-key': { severity: 'error', description: 'a field twice in the same mapping' },
  'yaml-special-key': {
    severity: 'error',
    description: "a key that names a JavaScript object's prototype",
  },
  'yaml-alias-props': {
    severity: 'error',
    description: 'invalid YAML: an alias with an anchor or a tag',
  },
  'yaml-bad-alias': { severity: 'error', description: 'invalid YAML: an alias to no anchor' },
  'yaml-bad-directive': { severity: 'error', description: 'invalid YAML: a malformed directive' },
  'yaml-bad-dq-escape': {
    severity: 'error',
    description: 'invalid YAML: a bad escape in double quotes',
  },
  'yaml-bad-indent': { severity: 'error', description: 'invalid YAML: wrong indentation' },
  'yaml-bad-prop-order': {
    severity: 'error',
    description: 'invalid YAML: an anchor or a tag out of place',
  },
  'yaml-bad-scalar-start': {
    severity: 'error',
    description: 'invalid YAML: a value starts with a reserved character',
  },
  'yaml-block-as-implicit-key': {
    severity: 'error',
    description: 'invalid YAML: a block used as a key',
  },
  'yaml-block-in-flow': {
    severity: 'error',
    description: 'invalid YAML: a block inside [ ] or { }',
  },
  'yaml-impossible': {
    severity: 'error',
    description: 'invalid YAML: the parser reached a state it cannot be in',
  },
  'yaml-key-over-1024-chars': {
    severity: 'error',
    description: 'invalid YAML: a key longer than 1024 characters',
  },
  'yaml-missing-char': {
    severity: 'error',
    description: 'invalid YAML: a missing quote, bracket or colon',
  },
  'yaml-multiline-implicit-key': {
    severity: 'error',
    description: 'invalid YAML: a key over more than one line',
  },
  'yaml-multiple-anchors': {
    severity: 'error',
    description: 'invalid YAML: two anchors on one value',
  },
  'yaml-multiple-docs': {
    severity: 'error',
    description: 'more than one YAML document in the file',
  },
  'yaml-multiple-tags': { severity: 'error', description: 'invalid YAML: two tags on one value' },
  'yaml-non-string-key': { severity: 'error', description: 'invalid YAML: a key that is not text' },
  'yaml-resource-exhaustion': {
    severity: 'error',
    description: 'invalid YAML: aliases expand past the limit',
  },
  'yaml-tab-as-indent': { severity: 'error', description: 'invalid YAML: indented with a tab' },
  'yaml-tag-resolve-failed': {
    severity: 'error',
    description: 'invalid YAML: a value its tag cannot read',
  },
  'yaml-unexpected-token': {
    severity: 'error',
    description: 'invalid YAML: an unexpected character',
  },
  'yaml-bad-collection-type': {
    severity: 'error',
    description: 'invalid YAML: a collection of the wrong kind',
  },
  'too-many-problems': {
    severity: 'error',
    description: 'more problems in one file than are listed',
  },
  // Fields.
  'not-a-mapping': { severity: 'error', description: 'the file is not a YAML mapping of fields' },
  'missing-field': { severity: 'error', description: 'a required field is missing' },
  'invalid-field': { severity: 'error', description: "a field's value has the wrong type or form" },
  'unknown-field': {
    severity: 'error',
    description: 'a field the file does not have (with a "did you mean")',
  },
  'private-field': { severity: 'error', description: 'a private contact field in a public file' },
  'url-not-normal': {
    severity: 'error',
    description: 'a link not in the normal form a browser reads it in',
  },
  // The letter's rules (`letter check`).
  'slug-mismatch': { severity: 'error', description: 'slug differs from the folder name' },
  'duplicate-group': { severity: 'error', description: 'a group id declared twice' },
  'requires-groups': {
    severity: 'error',
    description: 'the letter requires group but declares no groups',
  },
  'empty-body': { severity: 'warning', description: 'the letter has no text yet' },
  // What `letter check --publish` adds (see letter/rules/publish.ts).
  'draft-not-published': {
    severity: 'error',
    description: 'with --publish: the letter is a draft, its signatures under embargo',
  },
  embargoed: {
    severity: 'error',
    description: "with --publish: the letter's embargo has not passed",
  },
  'unknown-group': {
    severity: 'error',
    description: 'a signature names a group the letter does not declare',
  },
  'missing-country': {
    severity: 'error',
    description: 'a signature lacks country, which the letter requires',
  },
  'missing-role': {
    severity: 'error',
    description: 'a signature lacks role, which the letter requires',
  },
  'missing-organisation': {
    severity: 'error',
    description: 'a signature lacks organisation, which the letter requires',
  },
  'missing-group': {
    severity: 'error',
    description: 'a signature lacks group, which the letter requires',
  },
  'consent-missing': {
    severity: 'error',
    description: 'a signature without a consent record, on a letter that requires consent',
  },
  'erased-name': {
    severity: 'error',
    description: "a signature of a name erased at its signatory's request",
  },
  'duplicate-name': { severity: 'error', description: 'the same name twice after normalisation' },
  'distinct-from-invalid': {
    severity: 'error',
    description: 'distinct_from names no other signature, or one twice',
  },
  'mixed-script': {
    severity: 'error',
    description: 'a name mixes scripts in one word (look-alike letters)',
  },
  'future-date': { severity: 'warning', description: 'a date in the future' },
  'date-order': {
    severity: 'error',
    description: 'a verification or withdrawal before the signature',
  },
  'flat-layout-full': {
    severity: 'warning',
    description: 'too many signature files for one folder',
  },
  'likely-duplicate': {
    severity: 'warning',
    description: 'two signatures likely of one person, not decided',
  },
  'sort-key-missing': {
    severity: 'warning',
    description: 'a signature without sort_as whose name sorts otherwise',
  },
  'text-changed': {
    severity: 'either',
    description:
      'the text changed after people signed; in a change: a contributor touches the letter',
  },
  'text-revision-missing': {
    severity: 'error',
    description: 'the text of an open letter changed without a revisions: entry saying why',
  },
  'missing-translation': { severity: 'error', description: 'a translation without its text file' },
  'translation-outdated': {
    severity: 'warning',
    description: 'a translation made from an earlier text',
  },
  'changelog-missing': { severity: 'error', description: 'CHANGELOG.md is missing' },
  'changelog-behind': {
    severity: 'warning',
    description: 'CHANGELOG.md lacks events (a letter that refreshes it after merges)',
  },
  'changelog-order': {
    severity: 'warning',
    description: 'CHANGELOG.md lists the right events out of time order',
  },
  'changelog-stale': {
    severity: 'error',
    description: 'CHANGELOG.md is out of step with the signatures',
  },
  // deliveries.yaml: deliveries of the letter and what came back.
  'delivery-id-duplicate': {
    severity: 'error',
    description: 'two deliveries in deliveries.yaml with the same id',
  },
  'response-before-delivery': {
    severity: 'error',
    description: 'a response to a delivery dated before the delivery',
  },
  'follow-up-overdue': {
    severity: 'warning',
    description: 'a follow-up of a delivery is past due, with no response recorded since',
  },
  // A change (`letter check --base`).
  'letter-removed': { severity: 'error', description: 'the change deletes a letter' },
  'erasure-record-removed': {
    severity: 'error',
    description: 'the change removes an erasure record',
  },
  'erasure-by-contributor': {
    severity: 'error',
    description: "a contributor's change erases a signature",
  },
  'signature-removed': { severity: 'error', description: 'the change removes a signature' },
  'signature-changed': {
    severity: 'error',
    description: "a contributor's change modifies a signature",
  },
  'private-in-change': {
    severity: 'error',
    description: 'the change adds a file of the private store',
  },
  'changelog-edited': {
    severity: 'error',
    description: "a contributor's change rewrites CHANGELOG.md",
  },
  'changelog-line-unexplained': {
    severity: 'error',
    description: 'CHANGELOG.md gains a line no signature gives',
  },
  'too-many-added': {
    severity: 'error',
    description: "a contributor's change adds too many signatures",
  },
  'letter-closed': { severity: 'error', description: 'a signature added to a closed letter' },
  'not-pending': { severity: 'error', description: 'an added signature that is not pending' },
  'signed-at-out-of-range': {
    severity: 'error',
    description: 'an added signature dated away from the change',
  },
  'likely-duplicate-added': {
    severity: 'error',
    description: 'the change adds a name already on the letter',
  },
  'github-missing': {
    severity: 'error',
    description: 'an added signature without the github login of the pull request',
  },
  'github-mismatch': {
    severity: 'error',
    description: 'an added signature for another GitHub user',
  },
  'symbolic-link-in-change': {
    severity: 'either',
    description: 'the change brings a symbolic link (an error for a contributor)',
  },
  'outside-letters': {
    severity: 'either',
    description: 'the change touches files outside the letters (an error for a contributor)',
  },
} as const satisfies Record<string, { severity: Severity | 'either'; description: string }>;

/** A problem's code: one of `PROBLEM_CODES`. */
export type ProblemCode = keyof typeof PROBLEM_CODES;
