/**
 * The files a campaign's GitHub repository needs so that people sign from a browser: an
 * issue form per letter (`.github/ISSUE_TEMPLATE/sign-<slug>.yml`) and a workflow that turns
 * an issue opened with it into a pull request (`.github/workflows/sign-<slug>.yml`). Pure:
 * the caller writes them (`letter github issue-form`, and `letter init --github`).
 *
 * The issue's text never reaches a shell: the workflow hands the event file to `letter`
 * ($GITHUB_EVENT_PATH) and uses only what `letter` printed as JSON (an id of [a-z0-9-]) and
 * the issue number, through environment variables, as GitHub's guidance on script
 * injections says (https://docs.github.com/en/actions/concepts/security/script-injections).
 */
import { stringify } from 'yaml';
import { consentText, FORM_LABELS, formFields, signLabel } from './issue-form.js';
import type { LetterFile } from './schema.js';

/** A file to write, its path relative to the repository root. */
export interface RepoFile {
  path: string;
  text: string;
}

/** How the workflow installs and runs `letter` on the runner: trusted text, one line each. */
export interface LetterRunner {
  /** Default `npm ci`: the version the campaign's package-lock.json pins. */
  install: string;
  /** Default `npx --no-install letter`: never whatever a registry serves that day. */
  command: string;
}

/** Runs the `letter` the campaign's lockfile pins (a dev dependency). */
export const DEFAULT_RUNNER: LetterRunner = {
  install: 'npm ci',
  command: 'npx --no-install letter',
};

/** Actions pinned by full commit SHA (tags can move); the comment names the release. */
export const CHECKOUT = 'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2';
export const SETUP_NODE = 'actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020 # v4.4.0';

/** Text safe to put in a workflow's `run:` as it is: a path or command of plain characters. */
const SAFE_RUN_TEXT = /^[A-Za-z0-9 ._/@=:-]+$/;

/**
 * The issue form and the workflow of a letter.
 * @param letterPath the letter's folder relative to the repository root, e.g. letters/time-to-act.
 * @param version the letter's text version (text-version.ts), named in the consent box.
 * @throws Error when `letterPath` or the runner holds characters that would not be plain in a shell.
 */
export function githubSignFiles(
  letter: LetterFile,
  letterPath: string,
  version: string,
  runner: LetterRunner = DEFAULT_RUNNER,
): RepoFile[] {
  for (const [what, text] of [
    ['letter path', letterPath],
    ['install command', runner.install],
    ['letter command', runner.command],
  ] as const)
    if (!SAFE_RUN_TEXT.test(text))
      throw new Error(
        `the ${what} "${text}" must be letters, digits, spaces and . _ / @ = : - only`,
      );
  return [
    { path: `.github/ISSUE_TEMPLATE/sign-${letter.slug}.yml`, text: issueForm(letter, version) },
    {
      path: `.github/workflows/sign-${letter.slug}.yml`,
      text: signWorkflow(letter, letterPath, runner),
    },
  ];
}

/** The issue form (GitHub Docs, "Syntax for issue forms"): name, affiliation, country and group as the letter needs, web page, consent. */
export function issueForm(letter: LetterFile, version: string): string {
  const required = (field: string) => ({
    required: field === 'name' || (letter.requires as readonly string[]).includes(field),
  });
  const input = (
    field: 'name' | 'role' | 'organisation' | 'country' | 'url',
    description: string,
    placeholder: string,
  ) => ({
    type: 'input',
    id: field,
    attributes: { label: FORM_LABELS[field], description, placeholder },
    validations: required(field),
  });
  const elements: Record<string, unknown>[] = [
    {
      type: 'markdown',
      attributes: {
        value: `Sign **${letter.title}** by filling in this form. Your GitHub login is recorded with your signature; an organiser checks it before it is published. This issue is public: give no email address or phone number.`,
      },
    },
  ];
  for (const field of formFields(letter)) {
    if (field === 'name')
      elements.push(input('name', 'Your name as it should appear on the letter.', 'Ada Lovelace'));
    else if (field === 'role')
      elements.push(input('role', 'Your role or title.', 'Professor of Mathematics'));
    else if (field === 'organisation')
      elements.push(input('organisation', 'Your organisation.', 'University of London'));
    else if (field === 'country')
      elements.push(input('country', 'Country name or ISO 3166-1 code.', 'GB'));
    else if (field === 'url')
      elements.push(
        input(
          'url',
          'A public web page about you (https://...), optional.',
          'https://example.org/ada',
        ),
      );
    else if (field === 'group')
      elements.push({
        type: 'dropdown',
        id: 'group',
        attributes: {
          label: FORM_LABELS.group,
          description: 'The group you sign in.',
          options: letter.groups.map((g) => g.name),
        },
        validations: required('group'),
      });
    else
      elements.push({
        type: 'checkboxes',
        id: 'consent',
        attributes: {
          label: FORM_LABELS.consent,
          options: [{ label: consentText(version), required: true }],
        },
      });
  }
  const form = {
    name: `Sign: ${letter.title}`,
    description: `Add your name to the open letter "${letter.title}".`,
    title: `Sign: ${letter.title}`,
    labels: [signLabel(letter)],
    body: elements,
  };
  return `# Made by letter (letter github issue-form); made again when the text of the letter changes.\n${stringify(form, { lineWidth: 0 })}`;
}

/** The workflow: on an issue opened with the form, `letter sign --from-issue`, a branch, a pull request and a comment. */
export function signWorkflow(
  letter: LetterFile,
  letterPath: string,
  runner: LetterRunner = DEFAULT_RUNNER,
): string {
  const label = signLabel(letter);
  return `# Made by letter (letter github issue-form). Turns an issue opened with the form
# .github/ISSUE_TEMPLATE/sign-${letter.slug}.yml into a pull request adding one pending signature.
# The issue's text is hostile input: it reaches letter only as the event file, never a run: script
# (https://docs.github.com/en/actions/concepts/security/script-injections).
name: sign-${letter.slug}
on:
  issues:
    types: [opened]
permissions:
  contents: write
  pull-requests: write
  issues: write
concurrency:
  group: sign-${letter.slug}
  cancel-in-progress: false
jobs:
  sign:
    if: contains(github.event.issue.labels.*.name, '${label}')
    runs-on: ubuntu-latest
    steps:
      - uses: ${CHECKOUT}
      - uses: ${SETUP_NODE}
        with:
          node-version: 20
      - run: ${runner.install}
      - name: Add the signature
        id: sign
        run: |
          set +e
          ${runner.command} sign ${letterPath} --from-issue "$GITHUB_EVENT_PATH" --json > "$RUNNER_TEMP/result.json"
          echo "code=$?" >> "$GITHUB_OUTPUT"
      - name: Open a pull request
        if: steps.sign.outputs.code == '0'
        env:
          GH_TOKEN: \${{ github.token }}
          ISSUE: \${{ github.event.issue.number }}
        run: |
          id=$(jq -r '.signature.id' "$RUNNER_TEMP/result.json")
          branch="sign/issue-$ISSUE"
          git switch -c "$branch"
          jq -r '.written[]' "$RUNNER_TEMP/result.json" | xargs -d '\\n' git add --
          git -c user.name='github-actions[bot]' -c user.email='41898282+github-actions[bot]@users.noreply.github.com' commit -q -m "Sign: $id (#$ISSUE)"
          git push -q origin "$branch"
          printf 'Adds the pending signature %s asked for in #%s.\\n\\nCloses #%s\\n' "$id" "$ISSUE" "$ISSUE" > "$RUNNER_TEMP/pr.md"
          url=$(gh pr create --head "$branch" --title "Sign: $id (#$ISSUE)" --body-file "$RUNNER_TEMP/pr.md")
          printf 'Thank you. Your signature is proposed as \`%s\` in %s. It is added when an organiser merges it, and published once verified; this issue closes then.\\n' "$id" "$url" > "$RUNNER_TEMP/comment.md"
          gh issue comment "$ISSUE" --body-file "$RUNNER_TEMP/comment.md"
      - name: Say why it was refused
        if: steps.sign.outputs.code != '0'
        env:
          GH_TOKEN: \${{ github.token }}
          ISSUE: \${{ github.event.issue.number }}
        run: |
          {
            echo 'Your signature could not be added:'
            echo
            echo '\`\`\`'
            jq -r '.error.message, (.error.hint // empty)' "$RUNNER_TEMP/result.json" | tr -d '\`\\000-\\010\\013-\\037\\177'
            echo '\`\`\`'
          } > "$RUNNER_TEMP/comment.md"
          gh issue comment "$ISSUE" --body-file "$RUNNER_TEMP/comment.md"
          exit 1
`;
}
