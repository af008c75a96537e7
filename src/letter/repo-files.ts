/**
 * The files `letter init` writes at the top of a campaign's repository (no I/O here: texts
 * only). Every time: a `.gitattributes` (LF line ends; CHANGELOG.md merged by git's union
 * driver, so that two branches that each sign someone merge without a conflict) and a
 * `.gitignore` for renders and lock folders. With `--github`: a pull-request check, a
 * workflow that refreshes changelogs and publishes the page after merges, and a
 * pull-request template. A list, so that other files can join it (`REPO_FILES`).
 * Actions are pinned by commit SHA, as in the sign workflow (github-sign-files.ts).
 */
import { CHECKOUT, SETUP_NODE } from './github-sign-files.js';

/** GitHub Pages' own actions, pinned by commit SHA; the comment names the release. */
const UPLOAD_PAGES =
  'actions/upload-pages-artifact@56afc609e74202658d3ffba0e8f6dda462b719fa # v3.0.1';
const DEPLOY_PAGES = 'actions/deploy-pages@d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e # v4.0.5';

/** What the texts depend on: the `letter` that writes them and the repository's default branch. */
export interface RepoFacts {
  /** The npm install spec of this very version, e.g. `letter@0.1.0`: workflows pin it, never `@latest`. */
  spec: string;
  version: string;
  /** The branch merges land on (the workflow that publishes runs there), e.g. `main`. */
  branch: string;
}

/**
 * One file at the top of the repository: `path` relative to it (with `/`).
 * `lines`: the text is lines that must be in the file; a file that exists keeps its own
 * lines and gains only the missing ones. `whole`: written only when absent, never over a
 * campaign's own.
 */
export interface RepoFile {
  path: string;
  kind: 'lines' | 'whole';
  /** Only with `letter init --github`. */
  github: boolean;
  text: (facts: RepoFacts) => string;
}

const header = (f: RepoFacts, what: string) =>
  `# Written by letter ${f.version} (\`letter init --github\`): ${what}\n# It runs ${f.spec} exactly; to move to a newer letter, run its \`letter init --github\` again or edit the version here.\n`;

// The checker, installed at the version that wrote the workflow, outside the checkout (so
// it is no part of the change checked), without install scripts.
const install = (f: RepoFacts) => `      - uses: ${SETUP_NODE}
        with:
          node-version: 20
      - name: Install letter ${f.version}
        run: npm install --no-save --no-package-lock --no-audit --no-fund --ignore-scripts --prefix "$RUNNER_TEMP/letter" ${f.spec}
`;

/**
 * The pull-request check. Maintainers (GitHub's author_association OWNER, MEMBER or
 * COLLABORATOR: people with write access) check as editors; everyone else as a contributor
 * who may add one pending signature of their own (the sign workflow's pull requests, opened
 * as github-actions[bot], carry the issue author's login). Nothing from the pull request is
 * written into a script: its fields come in through the environment.
 */
function checkWorkflow(f: RepoFacts): string {
  return `${header(f, 'checks every pull request with `letter check --base`.')}# Safe for pull requests from forks: the pull_request event gives a read-only token and no
# secrets. fetch-depth 0: \`check --base\` needs the merge base with the base branch, and
# without the history it stops (exit 2) rather than guess.
name: letter check
on:
  pull_request:
permissions:
  contents: read
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: ${CHECKOUT}
        with:
          fetch-depth: 0
          persist-credentials: false
${install(f)}      - name: Check the letters and the change
        env:
          BASE_REF: \${{ github.base_ref }}
          AUTHOR: \${{ github.event.pull_request.user.login }}
          ASSOCIATION: \${{ github.event.pull_request.author_association }}
        run: |
          args=(check --format github --base "origin/$BASE_REF")
          case "$ASSOCIATION" in
            OWNER | MEMBER | COLLABORATOR) args+=(--role editor) ;;
            *) args+=(--role contributor --max-added 1) ;;
          esac
          # A pull request of the sign workflow (only this repository's workflows open them as
          # github-actions[bot]) carries the login of the issue's author, not its own.
          if [ "$ASSOCIATION" != OWNER ] && [ "$ASSOCIATION" != MEMBER ] && [ "$ASSOCIATION" != COLLABORATOR ] && [ "$AUTHOR" != "github-actions[bot]" ]; then args+=(--author "$AUTHOR"); fi
          "$RUNNER_TEMP/letter/node_modules/.bin/letter" "\${args[@]}"
`;
}

/** After merges: CHANGELOG.md of every letter rebuilt and committed, then the renders published with GitHub Pages. */
function publishWorkflow(f: RepoFacts): string {
  return `${header(f, 'after merges, refreshes CHANGELOG.md and publishes the letters.')}# CHANGELOG.md: letters with \`changelog: on-merge\` leave it to this workflow; in append mode
# it puts back the time order a union merge may leave. The commit is pushed with this
# workflow's token (a push by it starts no workflow). The page: GitHub Pages, from
# Settings, Pages, Source "GitHub Actions". A letter under embargo is published by the first
# run after its embargo: run this workflow then (Actions, letter publish, Run workflow).
name: letter publish
on:
  push:
    branches: [${f.branch}]
  workflow_dispatch:
permissions: {}
concurrency:
  group: letter-publish
  cancel-in-progress: false
jobs:
  changelog:
    runs-on: ubuntu-latest
    permissions:
      contents: write
    outputs:
      commit: \${{ steps.refresh.outputs.commit }}
    steps:
      - uses: ${CHECKOUT}
${install(f)}      - name: Refresh CHANGELOG.md
        id: refresh
        run: |
          for dir in letters/*/; do
            if [ -f "$dir/letter.yaml" ]; then "$RUNNER_TEMP/letter/node_modules/.bin/letter" changelog "$dir"; fi
          done
          if [ -n "$(git status --porcelain -- ':(glob)letters/*/CHANGELOG.md')" ]; then
            git config user.name 'github-actions[bot]'
            git config user.email '41898282+github-actions[bot]@users.noreply.github.com'
            git add -- ':(glob)letters/*/CHANGELOG.md'
            git commit --quiet -m 'Refresh CHANGELOG.md after merge'
            git push origin "HEAD:$GITHUB_REF_NAME"
          fi
          echo "commit=$(git rev-parse HEAD)" >> "$GITHUB_OUTPUT"
  # Published even when the push was refused (a branch rule): from the merged commit then.
  build:
    needs: changelog
    if: \${{ !cancelled() }}
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: ${CHECKOUT}
        with:
          ref: \${{ needs.changelog.outputs.commit || github.sha }}
          persist-credentials: false
          # The whole history: the page names each text version (v1, v2) as staff machines do.
          fetch-depth: 0
${install(f)}      # \`letter check --publish\` first: a draft, or a letter before its embargo, is left out
      # (a notice says so; run this workflow again once the embargo has passed), and any other
      # error stops the publishing, so the page stays as it was.
      - name: Render every letter
        run: |
          letter="$RUNNER_TEMP/letter/node_modules/.bin/letter"
          mkdir -p site
          echo '<!doctype html><meta charset="utf-8"><title>Letters</title><ul>' > site/index.html
          for dir in letters/*/; do
            slug=$(basename "$dir")
            if [ -f "$dir/letter.yaml" ]; then
              if ! "$letter" check --publish --format github "$dir"; then
                report=$("$letter" check --publish --json "$dir" || true)
                if jq -e '[.errors[].code | select(. != "embargoed" and . != "draft-not-published")] == []' <<< "$report" > /dev/null; then
                  echo "::notice::$slug is not published yet: a draft, or under embargo"
                  continue
                fi
                exit 1
              fi
              "$letter" render "$dir" --format md,html --out "site/$slug"
              echo "<li><a href=\\"$slug/$slug.html\\">$slug</a></li>" >> site/index.html
            fi
          done
      - uses: ${UPLOAD_PAGES}
        with:
          path: site
  deploy:
    needs: build
    runs-on: ubuntu-latest
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: \${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: ${DEPLOY_PAGES}
`;
}

function pullRequestTemplate(f: RepoFacts): string {
  return `## I sign this letter

<!-- One pull request per person, adding one file: letters/<letter>/signatures/<your-name>.yaml.
     Easiest: run \`npx --yes ${f.spec} sign letters/<letter> --github <your-login>\` and commit the file it writes.
     By hand: copy a signature file of the letter, and put your own name, details and GitHub login in it. -->

- [ ] The file name is my name in lower case with hyphens, ending in \`.yaml\` (e.g. \`ada-lovelace.yaml\`).
- [ ] I add only my own signature (\`github:\` is my login, \`status: pending\`) and change no other file.
- [ ] No email address or phone number: those never go in a public file.
`;
}

/**
 * The files at the top of a campaign's repository, in the order they are written. Another
 * file joins by being added here (a workflow of its own, say), `github: true` when only
 * `letter init --github` writes it.
 */
export const REPO_FILES: RepoFile[] = [
  // Git's built-in union driver keeps both sides' new lines without conflict markers; `check` accepts the result out of order (a warning) and `letter changelog` puts it back in order.
  {
    path: '.gitattributes',
    kind: 'lines',
    github: false,
    text: () => '* text=auto eol=lf\nletters/*/CHANGELOG.md merge=union\n',
  },
  {
    path: '.gitignore',
    kind: 'lines',
    github: false,
    text: () => 'out/\n*.lock/\nnode_modules/\n',
  },
  { path: '.github/workflows/letter-check.yml', kind: 'whole', github: true, text: checkWorkflow },
  {
    path: '.github/workflows/letter-publish.yml',
    kind: 'whole',
    github: true,
    text: publishWorkflow,
  },
  {
    path: '.github/pull_request_template.md',
    kind: 'whole',
    github: true,
    text: pullRequestTemplate,
  },
];

/**
 * The text of a `lines` file once it holds every line of `wanted`: `existing` with the missing
 * lines appended (after a newline if it lacked a final one); undefined when none is missing.
 * Lines compare with surrounding spaces and a final `/` left out.
 */
export function withLines(existing: string | undefined, wanted: string): string | undefined {
  // `node_modules` already covers `node_modules/`.
  const key = (l: string) => l.trim().replace(/\/$/, '');
  const have = new Set((existing ?? '').split(/\r?\n/).map(key));
  const missing = wanted.split('\n').filter((l) => l !== '' && !have.has(key(l)));
  if (missing.length === 0) return undefined;
  const before =
    existing === undefined || existing === ''
      ? ''
      : existing.endsWith('\n')
        ? existing
        : `${existing}\n`;
  return `${before}${missing.join('\n')}\n`;
}
