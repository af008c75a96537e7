/**
 * The `letter` command line: a commander table that turns flags into options, and the one
 * place that turns results into output and errors into messages and exit codes.
 * Command modules are imported only when their command runs, so `--help` stays fast.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import pkg from '../package.json' with { type: 'json' };
import type { CompletionCommand } from './commands/completion.js';
import type { RenderResult } from './commands/render.js';
import { formatSkipped } from './commands/shared/letter-warnings.js';
import type { Context } from './context.js';
import { ExitCode, InvalidLetter, type Problem, UserError } from './errors.js';
import { isIsoTimestamp } from './letter/dates.js';
import { withRunEnv } from './run-env.js';
import { describeRecovery, type Recovery } from './storage/journal.js';
import type { SkippedFile } from './storage/letter-store.js';
import { chunked, jsonDocument } from './streaming.js';
import {
  colourEnabled,
  invocation,
  localHints,
  makeStyle,
  type Style,
  terminalSafe,
  visible,
  visibleDeep,
} from './terminal.js';
import { trace } from './trace.js';

/** A command's human view of its result: text for stdout (a newline is added). */
type Printer<R> = (result: R, style: Style) => string;
/** Output that is the data itself (an export, a schema, a script): written as is, whatever the flags; its text may come in pieces. */
interface AsIs<R> {
  asIs: (result: R) => { stdout: string | Iterable<string> } | { stderr: string };
}

/** The flags that decide how a result is printed: `--json`, or `--format json` (`check`). */
interface PrintFlags {
  json?: boolean | undefined;
  format?: string | undefined;
}

/**
 * Writes a result: as is, as JSON (exactly the result) with `--json`, or through its human
 * printer. Text that comes in pieces (an export, a result holding a `Streamed` list) is
 * written in chunks as it is made.
 */
async function show<R>(
  ctx: Context,
  result: R,
  flags: PrintFlags,
  printer: Printer<R> | AsIs<R>,
): Promise<void> {
  warnSkipped(ctx, result);
  if ('asIs' in printer) {
    const out = printer.asIs(result);
    if ('stderr' in out) ctx.stderr.write(out.stderr);
    else if (typeof out.stdout === 'object' && Symbol.iterator in out.stdout)
      await writeChunks(ctx, out.stdout);
    else ctx.stdout.write(out.stdout);
    return;
  }
  // JSON escapes control characters itself; for people, the data's own are made visible before colours are added.
  // Hints name commands as the user runs letter here (npx letter, letter, ...).
  const shown = localHints(result, ctx.style.command);
  if (flags.json || flags.format === 'json') await writeChunks(ctx, jsonDocument(shown));
  else ctx.stdout.write(`${printer(visibleDeep(shown), ctx.style)}\n`);
}

/**
 * Writes `pieces` on stdout in chunks, letting the event loop run between them, so that a
 * reader that closed the pipe (EPIPE, see `processContext`) stops the run early.
 */
async function writeChunks(ctx: Context, pieces: Iterable<string>): Promise<void> {
  for (const chunk of chunked(pieces)) {
    ctx.stdout.write(chunk);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Names on stderr the files a command's loader skipped (its result's `skipped`), whether or not the result is JSON. */
function warnSkipped(ctx: Context, result: unknown): void {
  const r = result as { skipped?: SkippedFile[]; letter?: unknown };
  if (r?.skipped && typeof r.letter === 'string')
    ctx.stderr.write(formatSkipped(r.skipped, r.letter, ctx.errStyle));
}

/**
 * An action's one call: runs the command, prints its result, and sets the exit code to 1
 * when the result says `ok: false` (check errors, fmt --check, an import refused).
 */
async function run<R>(
  ctx: Context,
  exit: { code: number },
  flags: PrintFlags,
  command: () => Promise<R>,
  printer: Printer<R> | AsIs<R>,
): Promise<void> {
  const result = await command();
  await show(ctx, result, flags, printer);
  trace('printed');
  if ((result as { ok?: unknown }).ok === false) exit.code = ExitCode.failed;
}

/**
 * The command modules, each loaded when its command runs so that `--help` stays fast. Tests
 * give their own table to see which options a command line produces.
 */
export const commandModules = {
  sign: () => import('./commands/sign.js'),
  signFromIssue: () => import('./commands/sign-from-issue.js'),
  github: () => import('./commands/github.js'),
  withdraw: () => import('./commands/withdraw.js'),
  verify: () => import('./commands/verify.js'),
  reject: () => import('./commands/reject.js'),
  distinct: () => import('./commands/distinct.js'),
  invite: () => import('./commands/invite.js'),
  remind: () => import('./commands/remind.js'),
  answer: () => import('./commands/answer.js'),
  reconfirm: () => import('./commands/reconfirm.js'),
  outreach: () => import('./commands/outreach.js'),
  import: () => import('./commands/import.js'),
  export: () => import('./commands/export.js'),
  init: () => import('./commands/init.js'),
  fmt: () => import('./commands/fmt.js'),
  schema: () => import('./commands/schema.js'),
  check: () => import('./commands/check.js'),
  checkCodes: () => import('./commands/check-codes.js'),
  render: () => import('./commands/render.js'),
  renderWatch: () => import('./commands/render-watch.js'),
  log: () => import('./commands/log.js'),
  list: () => import('./commands/list.js'),
  versions: () => import('./commands/versions.js'),
  diff: () => import('./commands/diff.js'),
  stats: () => import('./commands/stats.js'),
  changelog: () => import('./commands/changelog.js'),
  completion: () => import('./commands/completion.js'),
  deliver: () => import('./commands/deliver.js'),
  verifyDelivery: () => import('./commands/verify-delivery.js'),
  deliveryRespond: () => import('./commands/delivery-respond.js'),
  pressKit: () => import('./commands/press-kit.js'),
};
/** The table of command modules (see `commandModules`). */
export type CommandModules = typeof commandModules;

const examples = (...lines: string[]) =>
  `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError('must be a whole number of at least 1');
  return n;
}

/**
 * Builds the program. Nothing runs at import; actions set `exit.code` when they finish
 * with something other than success. `load` gives the command modules (see `commandModules`).
 */
export function createProgram(
  ctx: Context,
  exit: { code: number },
  load: CommandModules = commandModules,
): Command {
  const program = new Command()
    .name('letter')
    .description('Draft and track an open letter and its signatories, in plain files under git.')
    .version(pkg.version, '-v, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
      outputError: (s, write) => write(ctx.errStyle.red(s)),
    })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      examples(
        'letter check letters/time-to-act',
        'letter render letters/time-to-act',
        'letter sign letters/time-to-act --name "Ada Lovelace" --country GB --group industry',
      ),
    );

  program
    .command('sign')
    .description('add a signatory; on a terminal, asks for what the flags leave out')
    .argument('<letter>', 'letter folder, e.g. letters/time-to-act')
    .option('--name <name>', 'name as displayed, e.g. "Ban Ki-moon"')
    .option(
      '--sort-as <key>',
      'key for ordering, family name first where that applies, e.g. "Ban Ki-moon"',
    )
    .option('--role <role>', 'role or title, e.g. "Former Secretary-General"')
    .option('--organisation <organisation>', 'organisation, e.g. "United Nations"')
    .option('--country <code>', 'ISO 3166-1 alpha-2 code or English name, e.g. KR')
    .option('--group <group>', "one of the letter's groups (id or name)")
    .option('--url <url>', 'a public http(s) page about the signatory')
    .option('--github <login>', "the signer's GitHub login (letters signed through pull requests)")
    .option('--signed-at <when>', 'ISO 8601 date or UTC timestamp (default: now)')
    .option(
      '--email <address>',
      "private: kept out of git in the letter's private store, used to find duplicates",
    )
    .option('--phone <number>', 'private, like --email')
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--allow-similar', 'sign even when the name is likely a duplicate (a different person)')
    .option('--dry-run', 'show the signature that would be written, write nothing')
    .option('--commit', 'make one git commit of the files written, "Sign: <name>"')
    .option(
      '--from-issue <event.json>',
      'sign from a GitHub issue made with the sign form: the issues event file ($GITHUB_EVENT_PATH); never asks',
    )
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      examples(
        'letter sign letters/time-to-act',
        'letter sign letters/time-to-act --from-issue "$GITHUB_EVENT_PATH" --json',
        'letter sign letters/time-to-act --name "Ellen Johnson Sirleaf" --sort-as "Johnson Sirleaf Ellen" \\\n      --role "Former President of Liberia" --country LR --group former-heads-of-state --yes',
      ),
    )
    .action(async (letter, o) => {
      if (o.fromIssue === undefined) {
        const { sign, formatSign } = await load.sign();
        return run(ctx, exit, o, () => sign({ letter, ...o }, ctx), formatSign);
      }
      const { signFromIssue, formatSignFromIssue } = await load.signFromIssue();
      const options = { letter, event: o.fromIssue, ...o };
      return run(ctx, exit, o, () => signFromIssue(options, ctx), formatSignFromIssue);
    });

  program
    .command('github')
    .description('GitHub files of a letter')
    .command('issue-form')
    .description(
      'the issue form with which people sign from a browser, and the workflow that turns its issues into pull requests',
    )
    .argument('<letter>', 'letter folder, relative to the repository root (run from there)')
    .option('--write', 'write them under .github/ instead of printing them')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      examples(
        'letter github issue-form letters/time-to-act',
        'letter github issue-form letters/time-to-act --write',
      ),
    )
    .action(async (letter, o) => {
      const { issueForm, formatIssueForm } = await load.github();
      return run(ctx, exit, o, () => issueForm({ letter, write: o.write }, ctx), formatIssueForm);
    });

  program
    .command('withdraw')
    .description('withdraw a signature; the file stays as a record and leaves every render')
    .argument('<letter>', 'letter folder')
    .argument('<id>', 'signature id (its file name without .yaml)')
    .requiredOption('--reason <text>', 'why, in a sentence')
    .option('--by <who>', 'who recorded the withdrawal')
    .option(
      '--erase',
      'the person asks to be forgotten: remove their name and details from every file of the letter',
    )
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      examples(
        'letter withdraw letters/time-to-act eva-chen --reason "Asked by email on 2020-06-02"',
        'letter withdraw letters/time-to-act eva-chen --reason "Asked to be forgotten" --erase',
      ),
    )
    .action(async (letter, id, o) => {
      const { withdraw, formatWithdraw } = await load.withdraw();
      return run(ctx, exit, o, () => withdraw({ letter, id, ...o }, ctx), formatWithdraw);
    });

  program
    .command('verify')
    .description('mark signatures as verified with the signatory')
    .argument('<letter>', 'letter folder')
    .argument('<id...>', 'signature ids')
    .option('--by <who>', 'who verified (default: git config user.name)')
    .option('--evidence <url>', 'a link to the evidence, e.g. a public statement')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      examples('letter verify letters/time-to-act ban-ki-moon eva-chen --by "Campaign desk"'),
    )
    .action(async (letter, ids, o) => {
      const { verify, formatVerify } = await load.verify();
      return run(ctx, exit, o, () => verify({ letter, ids, ...o }, ctx), formatVerify);
    });

  program
    .command('reject')
    .description('record signatures found to be fake; they stay out for good')
    .argument('<letter>', 'letter folder')
    .argument('<id...>', 'signature ids')
    .requiredOption('--reason <text>', 'why, e.g. "Office of the named person denies signing"')
    .option('--by <who>', 'who rejected it')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      examples(
        'letter reject letters/time-to-act fake-person --reason "Denied by their office on 2020-05-27"',
      ),
    )
    .action(async (letter, ids, o) => {
      const { reject, formatReject } = await load.reject();
      return run(ctx, exit, o, () => reject({ letter, ids, ...o }, ctx), formatReject);
    });

  program
    .command('distinct')
    .description('record that signatures with the same or a likely-same name are different people')
    .argument('<letter>', 'letter folder')
    .argument('<id>', 'the signature that records the decision (usually the later one)')
    .argument('<other...>', 'ids of the signatures it is a different person from')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', examples('letter distinct letters/time-to-act alexander-2 alexander'))
    .action(async (letter, id, others, o) => {
      const { distinct, formatDistinct } = await load.distinct();
      return run(ctx, exit, o, () => distinct({ letter, id, others }, ctx), formatDistinct);
    });

  program
    .command('invite')
    .description('record a person the campaign asks to sign (kept in the private store only)')
    .argument('<letter>', 'letter folder')
    .option('--name <name>', 'the name, as it would be displayed')
    .option('--role <role>', 'their role or title')
    .option('--organisation <organisation>', 'their organisation')
    .option('--country <country>', 'ISO 3166-1 code or English name')
    .option('--group <group>', "one of the letter's groups (id or name)")
    .option('--owner <who>', 'who on the staff owns the contact (default: git config user.name)')
    .option(
      '--channel <channel>',
      'email, phone, in-person, letter, ... (default: email with --email, phone with --phone)',
    )
    .option('--email <address>', 'private: kept in the private store')
    .option('--phone <number>', 'private: kept in the private store')
    .option('--contact-note <text>', 'private: how best to reach them')
    .option(
      '--text <version>',
      'the version of the text sent: v1, sha256:... or current (default: the current letter.md)',
    )
    .option('--note <text>', 'a note on the invitation')
    .option(
      '--allow-similar',
      'another person of the same name as an invitee or a signatory: a person decided so',
    )
    .option('--json', 'print the invitation as JSON')
    .addHelpText(
      'after',
      examples(
        'letter invite letters/time-to-act --name "Ban Ki-moon" --group international-organisations --country KR --email office@example.org --owner Anna',
      ),
    )
    .action(async (letter, o) => {
      const { invite, formatInvite } = await load.invite();
      return run(ctx, exit, o, () => invite({ letter, ...o }, ctx), formatInvite);
    });

  program
    .command('remind')
    .description('record that an invitee was reminded')
    .argument('<letter>', 'letter folder')
    .argument('<invitation>', 'invitation id (letter outreach lists them)')
    .option('--channel <channel>', 'how they were reminded')
    .option('--note <text>', 'a note')
    .option('--by <who>', 'who reminded them (default: git config user.name)')
    .option('--reopen', 'chase again after a decline or no answer')
    .option('--json', 'print the invitation as JSON')
    .addHelpText(
      'after',
      examples('letter remind letters/time-to-act ban-ki-moon --note "Called his office"'),
    )
    .action(async (letter, invitation, o) => {
      const { remind, formatRemind } = await load.remind();
      return run(ctx, exit, o, () => remind({ letter, invitation, ...o }, ctx), formatRemind);
    });

  program
    .command('answer')
    .description("record an invitee's answer; agreed records the consent and signs them")
    .argument('<letter>', 'letter folder')
    .argument('<invitation>', 'invitation id (letter outreach lists them)')
    .argument('<answer>', 'agreed, declined or no-answer')
    .option(
      '--evidence <evidence>',
      'what shows the agreement: a message id, a file (copied to the private store) or a link',
    )
    .option('--channel <channel>', "how they answered (default: the invitation's channel)")
    .option(
      '--text <version>',
      'the version of the text agreed to: v1, sha256:... or current (default: the version sent)',
    )
    .option('--note <text>', 'a note')
    .option('--by <who>', 'who records it (default: git config user.name)')
    .option('--reopen', 'agree after a decline or no answer')
    .option(
      '--as <signature-id>',
      'the invitee was already signed another way: record the agreement on that signature',
    )
    .option(
      '--allow-similar',
      'the name is likely one already on the letter, and a person decided it is someone else',
    )
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      examples(
        'letter answer letters/time-to-act ban-ki-moon agreed --evidence "<CAF1234@mail.example.org>"',
        'letter answer letters/time-to-act eva-chen declined --note "Not while in office"',
      ),
    )
    .action(async (letter, invitation, answer, o) => {
      const { answer: record, formatAnswer } = await load.answer();
      return run(
        ctx,
        exit,
        o,
        () => record({ letter, invitation, answer, ...o }, ctx),
        formatAnswer,
      );
    });

  program
    .command('reconfirm')
    .description('record that signatories agreed to the current text, with evidence')
    .argument('<letter>', 'letter folder')
    .argument('<id...>', 'signature ids')
    .requiredOption(
      '--evidence <evidence>',
      'a message id, a file (copied to the private store) or a link',
    )
    .option('--channel <channel>', 'how they agreed (default: as their last consent record)')
    .option('--by <who>', 'who records it (default: git config user.name)')
    .option('--note <text>', 'a note')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      examples('letter reconfirm letters/time-to-act ban-ki-moon --evidence mail-2020-06-01.eml'),
    )
    .action(async (letter, ids, o) => {
      const { reconfirm, formatReconfirm } = await load.reconfirm();
      return run(ctx, exit, o, () => reconfirm({ letter, ids, ...o }, ctx), formatReconfirm);
    });

  program
    .command('outreach')
    .description('the outreach board: who is waiting, reminders due by owner, the funnel by group')
    .argument('<letter>', 'letter folder')
    .option('--owner <who>', "only this staff member's invitations")
    .option('--json', 'print the board as JSON')
    .addHelpText(
      'after',
      examples(
        'letter outreach letters/time-to-act',
        'letter outreach letters/time-to-act --owner Anna --json',
      ),
    )
    .action(async (letter, o) => {
      const { outreach, formatOutreach } = await load.outreach();
      return run(ctx, exit, o, () => outreach({ letter, owner: o.owner }, ctx), formatOutreach);
    });

  program
    .command('import')
    .description(
      'add the new signatories of a CSV file (web form export, press list); reports duplicates and invalid rows',
    )
    .argument(
      '<file>',
      'CSV file, UTF-8, with a header row; comma, semicolon or tab between cells; - reads stdin',
    )
    .argument('<letter>', 'letter folder')
    .option(
      '--map <pairs>',
      'map columns to fields: "Full name=name,Position=role"; "Timestamp=signed_at"; "Group=" leaves a column out',
    )
    .option('--group <group>', 'group for rows without one (id or name)')
    .option('--country <country>', 'country for rows without one (ISO code or English name)')
    .option('--role <role>', 'role for rows without one')
    .option('--organisation <organisation>', 'organisation for rows without one')
    .option('--allow-similar', 'add likely duplicates as different people')
    .option(
      '--skip-invalid',
      'write the valid rows even when some are invalid (those are reported and left out; exit 0)',
    )
    .option('--dry-run', 'print the report, write nothing')
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      examples(
        'letter import press-list.csv letters/time-to-act --dry-run',
        'letter import form.csv letters/time-to-act --map "Full name=name,Position=role,Timestamp=signed_at" --group industry',
        'letter export letters/other --format csv | letter import - letters/time-to-act --skip-invalid',
      ),
    )
    .action(async (file, letter, o) => {
      const { importCsv, formatImport } = await load.import();
      return run(ctx, exit, o, () => importCsv({ file, letter, ...o }, ctx), formatImport);
    });

  program
    .command('deliver')
    .description(
      'a bundle for the addressee (text, PDF, list as CSV and JSON, a manifest of digests), recorded in deliveries.yaml',
    )
    .argument('<letter>', 'letter folder')
    .option('--to <addressee>', 'to whom the bundle goes')
    .option('--out <folder>', 'the bundle folder (default out/<slug>/delivery-<date>-<addressee>)')
    .option('--channel <how>', 'how it is delivered (email, by hand, a portal), recorded')
    .option(
      '--sign-key <file>',
      'sign manifest.json with this SSH private key (ssh-keygen -Y sign)',
    )
    .option('--no-pdf', 'leave the PDF out of the bundle')
    .option('--force', 'deliver a draft, or before the embargo (the bundle is marked as a preview)')
    .option(
      '--allow-dirty',
      'deliver with uncommitted changes in the letter folder (the manifest says so)',
    )
    .option('--no-record', 'do not add the delivery to deliveries.yaml')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      examples(
        'letter deliver letters/time-to-act --to "the United Nations" --channel email',
        'letter deliver letters/time-to-act --to "the United Nations" --sign-key ~/.ssh/id_ed25519',
      ),
    )
    .action(async (letter, o) => {
      const { deliver, formatDeliver } = await load.deliver();
      return run(ctx, exit, o, () => deliver({ letter, ...o }, ctx), formatDeliver);
    });

  program
    .command('verify-delivery')
    .description('check a delivery bundle offline against its manifest (exit 0 valid, 1 not)')
    .argument('<bundle>', 'the bundle folder')
    .option('--allowed-signers <file>', "an OpenSSH allowed-signers file with the campaign's key")
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      examples(
        'letter verify-delivery out/time-to-act/delivery-2020-06-01-the-united-nations',
        'letter verify-delivery bundle/ --allowed-signers allowed_signers',
      ),
    )
    .action(async (bundle, o) => {
      const { verifyDelivery, formatVerifyDelivery } = await load.verifyDelivery();
      return run(ctx, exit, o, () => verifyDelivery({ bundle, ...o }, ctx), formatVerifyDelivery);
    });

  program
    .command('delivery')
    .description('the deliveries of a letter')
    .command('respond')
    .description(
      'record what came back from a delivery: acknowledged, responded, or follow-up (due on --on)',
    )
    .argument('<letter>', 'letter folder')
    .argument('<id>', 'the delivery id (see deliveries.yaml or letter log)')
    .argument('<kind>', 'acknowledged, responded or follow-up')
    .option(
      '--on <date>',
      'the day, ISO 8601 (default today); for a follow-up, required: the day it is due',
    )
    .option('--note <text>', 'what came back, in a line')
    .option('--link <url>', 'where the response can be read')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      examples(
        'letter delivery respond letters/time-to-act 2020-06-01-the-united-nations acknowledged --on 2020-06-02',
        'letter delivery respond letters/time-to-act 2020-06-01-the-united-nations follow-up --on 2020-07-01',
      ),
    )
    .action(async (letter, id, kind, o) => {
      const { respond, formatRespond } = await load.deliveryRespond();
      return run(ctx, exit, o, () => respond({ letter, id, kind, ...o }, ctx), formatRespond);
    });

  program
    .command('press-kit')
    .description(
      'a one-page press kit (Markdown and PDF): the count, signatories by group, the embargo line, the press contact',
    )
    .argument('<letter>', 'letter folder')
    .option(
      '--top <n>',
      'names shown per group (default 5), then "and N others"; fewer when the PDF page cannot hold them',
      positiveInt,
    )
    .option('--out <folder>', 'where to write it (default out/<slug>)')
    .option('--no-pdf', 'write the Markdown only (the PDF needs Chromium)')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      examples(
        'letter press-kit letters/time-to-act',
        'letter press-kit letters/time-to-act --top 3',
      ),
    )
    .action(async (letter, o) => {
      const { pressKit, formatPressKit } = await load.pressKit();
      return run(ctx, exit, o, () => pressKit({ letter, ...o }, ctx), formatPressKit);
    });

  program
    .command('export')
    .description("the signatories' public fields as CSV or JSON, in render order")
    .argument('<letter>', 'letter folder')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['csv', 'json'] as const)
        .default('csv' as const),
    )
    .option(
      '--status <status>',
      'published (default), all, pending, verified, withdrawn or rejected',
    )
    .option('--include-private', 'add email and phone from the private store')
    .option('--out <file>', 'write to a file instead of stdout')
    .option(
      '--bom',
      'start the CSV with a UTF-8 byte order mark, so that Excel reads accents and other scripts right',
    )
    .addHelpText(
      'after',
      examples(
        'letter export letters/time-to-act --format csv > signatories.csv',
        'letter export letters/time-to-act --bom --out signatories.csv',
        'letter export letters/time-to-act --format json --status all',
      ),
    )
    .action(async (letter, o) => {
      const { exportLetter, formatExport } = await load.export();
      return run(ctx, exit, o, () => exportLetter({ letter, ...o }, ctx), { asIs: formatExport });
    });

  program
    .command('init')
    .description('start a new letter folder')
    .argument('<dir>', 'the new folder, e.g. letters/my-letter (its name is the slug)')
    .option('--title <title>', 'title of the letter')
    .option('--addressee <who>', 'to whom it is addressed')
    .option(
      '--organiser <name>',
      'an organiser (repeat for several)',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option('--language <tag>', 'BCP 47 language tag (default en)')
    .option(
      '--group <name>',
      'a group of signatories, in display order (repeat for several)',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .addOption(
      new Option(
        '--verification <mode>',
        'whether signatures need verification before they are published',
      ).choices(['required', 'optional'] as const),
    )
    .addOption(
      new Option(
        '--changelog <mode>',
        'append: commands update CHANGELOG.md; on-merge: pull requests leave it alone, refresh it after merges',
      ).choices(['append', 'on-merge'] as const),
    )
    .option(
      '--require <fields>',
      'what every signature must give besides the name, comma-separated: country, role, organisation, group (default: nothing)',
    )
    .option('-y, --yes', 'accept the defaults for what the flags leave out')
    .option(
      '--github',
      "also write the repository's GitHub workflows (pull-request check, changelog and Pages after merges) and pull-request template",
    )
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      examples(
        'letter init letters/time-to-act',
        'letter init letters/clean-air --github',
        'letter init letters/clean-air --title "Clean Air Now" --addressee "the European Commission" \\\n      --organiser "Clean Air Network" --group "Doctors" --group "Researchers" --require country,group --verification required --yes',
      ),
    )
    .action(async (dir, o) => {
      const { init, formatInit } = await load.init();
      return run(ctx, exit, o, () => init({ dir, ...o }, ctx), formatInit);
    });

  program
    .command('fmt')
    .description(
      'rewrite letters in canonical form (key order, quoting, line endings), values unchanged',
    )
    .argument('[letter...]', 'letter folders (default: every letter under letters/)')
    .option('--check', 'write nothing; exit 1 when a file is not in canonical form (for CI)')
    .option(
      '--layout <layout>',
      'move signature files into this layout: flat (signatures/<id>.yaml) or sharded (signatures/<first two characters>/<id>.yaml, past 100,000 signatures)',
    )
    .option(
      '--sort-keys',
      'also write sort_as, derived from the name, into published signatures that lack it',
    )
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      examples(
        'letter fmt letters/time-to-act',
        'letter fmt --check',
        'letter fmt letters/time-to-act --layout sharded',
        'letter fmt letters/time-to-act --sort-keys',
      ),
    )
    .action(async (letters, o) => {
      const { fmt, formatFmt } = await load.fmt();
      const options = { letters, check: o.check, layout: o.layout, sortKeys: o.sortKeys };
      return run(ctx, exit, o, () => fmt(options, ctx), formatFmt);
    });

  program
    .command('schema')
    .description(
      "print the JSON Schemas of letter.yaml and signature files (for editors), write them with --out, or refresh a letter's own (.schemas/) with --update",
    )
    .argument('[kind]', 'letter or signature (default: both, with --out)')
    .option('--out <dir>', 'write <kind>.schema.json files into this folder')
    .option(
      '--update [letter]',
      "rewrite the letter's .schemas/ (default: every letter under letters/)",
    )
    .addHelpText(
      'after',
      examples(
        'letter schema signature',
        'letter schema --update letters/time-to-act',
        'letter schema --out schemas',
      ),
    )
    .action(async (kind, o) => {
      const { schema, formatSchema } = await load.schema();
      const options = { kind, out: o.out, update: o.update };
      return run(ctx, exit, {}, () => schema(options, ctx), { asIs: formatSchema });
    });

  program
    .command('check')
    .description('validate letters for CI: every problem with file:line:column (exit 1 on errors)')
    .argument('[letter...]', 'letter folders (default: every letter under letters/)')
    .addOption(
      new Option('--format <format>', 'output format: text, json, or github (workflow annotations)')
        .choices(['text', 'json', 'github'] as const)
        .default('text' as const),
    )
    .option('--json', 'same as --format json')
    .option('--strict', 'warnings fail too')
    .option(
      '--publish',
      'before publishing: a draft letter, an embargo not yet passed, and signatures made on an earlier text (text-changed) fail too',
    )
    .option('--list-codes', 'list every problem code, its severity and meaning, and exit')
    .option(
      '--base <ref>',
      'also check what the change since this git revision does to each letter',
    )
    .addOption(
      new Option('--role <role>', 'whose change it is, with --base')
        .choices(['contributor', 'editor'] as const)
        .default('contributor' as const),
    )
    .option(
      '--max-added <n>',
      'signatures a contributor may add, with --base (default 1)',
      positiveInt,
    )
    .option(
      '--author <login>',
      "the pull request author's GitHub login, with --base: added signatures must carry it",
    )
    .addHelpText(
      'after',
      examples(
        'letter check letters/time-to-act',
        'letter check --format json',
        'letter check --format github --base origin/main --author octocat',
        'letter check --publish letters/time-to-act',
      ),
    )
    .action(async (letters, o) => {
      if (o.listCodes) {
        const { listProblemCodes, formatProblemCodes } = await load.checkCodes();
        return run(
          ctx,
          exit,
          o,
          async () => listProblemCodes({ letters, ...o }),
          formatProblemCodes,
        );
      }
      const { check, formatCheck, formatCheckGithub } = await load.check();
      const options = {
        letters,
        ...pick(o, 'strict', 'publish', 'base', 'role', 'maxAdded', 'author'),
      };
      // --json is --format json; github annotations otherwise.
      const printer = o.format === 'github' && !o.json ? formatCheckGithub : formatCheck;
      return run(ctx, exit, o, () => check(options, ctx), printer);
    });

  program
    .command('render')
    .description('render the letter to Markdown, a standalone HTML page and print-ready HTML')
    .argument('<letter>', 'letter folder')
    .option('--out <dir>', 'output folder (default: out/<slug>)')
    .option('--format <formats>', 'comma-separated: md, html, print, pdf (default: md,html,print)')
    .option('--lang <lang>', "a language of the letter (its own or a translation's), or all")
    .option(
      '--template <file>',
      'a template to use instead of the default, for the one --format given',
    )
    .option('--watch', 'render again on every change to the letter or its templates')
    .option(
      '--share-image',
      'with html: also make <slug>.og.png (1200x630), the image a shared link shows; needs Chromium',
    )
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      examples(
        'letter render letters/time-to-act',
        'letter render letters/time-to-act --format md,html,print,pdf --lang all',
        'letter render letters/time-to-act --format html --out public --watch',
      ),
    )
    .action(async (letter, o) => {
      const { render, formatRender } = await load.render();
      const options = {
        letter,
        out: o.out,
        formats: o.format,
        lang: o.lang,
        template: o.template,
        shareImage: o.shareImage,
      };
      if (!o.watch)
        return run(ctx, exit, { json: o.json }, () => render(options, ctx), formatRender);
      // With --json, one compact line per render (JSON Lines), so a reader can take each as it comes.
      const printer = o.json
        ? { asIs: (r: RenderResult) => ({ stdout: `${JSON.stringify(r)}\n` }) }
        : formatRender;
      const { watch } = await load.renderWatch();
      return watch(options, ctx, (r) => void show(ctx, r, {}, printer));
    });

  program
    .command('log')
    .description('the events of the letter (signed, verified, withdrawn), newest first')
    .argument('<letter>', 'letter folder')
    .option('-n, --limit <n>', 'show only the newest n events', positiveInt)
    .option('--json', 'print the events as JSON')
    .addHelpText(
      'after',
      examples('letter log letters/time-to-act', 'letter log letters/time-to-act -n 5 --json'),
    )
    .action(async (letter, o) => {
      const { log, formatLog } = await load.log();
      return run(ctx, exit, o, () => log({ letter, limit: o.limit }, ctx), formatLog);
    });

  program
    .command('list')
    .description('the signatories, in the order the renders show them')
    .argument('<letter>', 'letter folder')
    .option(
      '--status <status>',
      'published (default), all, pending, verified, withdrawn or rejected',
    )
    .option('--include-private', 'add email and phone from the private store')
    .option(
      '--github <login>',
      'only the signatures of this GitHub user (with --status all: whether theirs was accepted)',
    )
    .option('--json', 'print the signatories as JSON')
    .addHelpText(
      'after',
      examples(
        'letter list letters/time-to-act',
        'letter list letters/time-to-act --status pending --json',
        'letter list letters/time-to-act --status all --github octocat',
      ),
    )
    .action(async (letter, o) => {
      const { list, formatList } = await load.list();
      const options = { letter, ...pick(o, 'status', 'includePrivate', 'github') };
      return run(ctx, exit, o, () => list(options, ctx), formatList);
    });

  program
    .command('versions')
    .description("the versions of the letter's text, named v1, v2... from git history")
    .argument('<letter>', 'letter folder')
    .option('--json', 'print the versions as JSON')
    .addHelpText(
      'after',
      examples('letter versions letters/time-to-act', 'letter versions letters/time-to-act --json'),
    )
    .action(async (letter, o) => {
      const { versions, formatVersions } = await load.versions();
      return run(ctx, exit, o, () => versions({ letter }, ctx), formatVersions);
    });

  program
    .command('diff')
    .description("what changed between two versions of the letter's text, word by word")
    .argument('<letter>', 'letter folder')
    .argument(
      '[from]',
      'a version: v1, a hash (sha256:...) or current (default: the one before current)',
    )
    .argument('[to]', 'a version (default: current)')
    .option(
      '--format <format>',
      'text (default: a redline in the terminal) or html (a standalone page)',
    )
    .option('--out <file>', 'with --format html: write the page to this file')
    .option('--json', 'print the parts (same, removed, added) as JSON')
    .addHelpText(
      'after',
      examples(
        'letter diff letters/time-to-act',
        'letter diff letters/time-to-act v1 v2',
        'letter diff letters/time-to-act v1 --format html --out redline.html',
      ),
    )
    .action(async (letter, from, to, o) => {
      const { diff, formatDiff } = await load.diff();
      return run(ctx, exit, o, () => diff({ letter, from, to, ...o }, ctx), formatDiff);
    });

  program
    .command('stats')
    .description('totals by status, group, country and day, with bar charts')
    .argument('<letter>', 'letter folder')
    .option('--json', 'print the totals as JSON')
    .addHelpText(
      'after',
      examples('letter stats letters/time-to-act', 'letter stats letters/time-to-act --json'),
    )
    .action(async (letter, o) => {
      const { stats, formatStats } = await load.stats();
      return run(ctx, exit, o, () => stats({ letter }, ctx), formatStats);
    });

  program
    .command('changelog')
    .description('rebuild CHANGELOG.md from the signature files')
    .argument('<letter>', 'letter folder')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', examples('letter changelog letters/time-to-act'))
    .action(async (letter, o) => {
      const { changelog, formatChangelog } = await load.changelog();
      return run(ctx, exit, o, () => changelog({ letter }, ctx), formatChangelog);
    });

  program
    .command('completion')
    .description('print a shell completion script for bash, zsh or fish')
    .argument('<shell>', 'bash, zsh or fish')
    .addHelpText(
      'after',
      examples(
        'source <(letter completion bash)',
        'letter completion fish > ~/.config/fish/completions/letter.fish',
      ),
    )
    .action(async (shell) => {
      const { completionScript } = await load.completion();
      const script = async () => completionScript(shell, completionTree(program));
      return run(ctx, exit, {}, script, { asIs: (text) => ({ stdout: text }) });
    });

  return program;
}

/** The options named, as given (a flag not given stays undefined). */
function pick<O extends object, K extends keyof O>(o: O, ...keys: K[]): Pick<O, K> {
  return Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<O, K>;
}

/** The command table as completion scripts need it: names, descriptions, flags (with --help), sub-commands. */
function completionTree(
  c: Command<unknown[], Record<string, unknown>, Record<string, unknown>>,
): CompletionCommand {
  return {
    name: c.name(),
    description: c.description(),
    options: [...c.options, new Option('-h, --help', 'display help for command')]
      .filter((o) => o.long !== undefined && !o.hidden)
      .map((o) => ({
        long: o.long!,
        short: o.short,
        takesValue: o.required || o.optional,
        description: o.description,
      })),
    commands: c.commands.map((s) => completionTree(s as never)),
  };
}

/**
 * The clock of a run: the real one, or the fixed instant `LETTER_NOW` gives (an ISO 8601
 * UTC timestamp such as 2020-05-26T09:00:00Z), for replays and tests of what a command does
 * at a given moment (embargoes, reminders). A value that is not one stops the run (exit 2).
 */
function clock(fixed: string | undefined): () => Date {
  if (fixed === undefined || fixed === '') return () => new Date();
  if (!isIsoTimestamp(fixed)) {
    process.stderr.write(
      `error: LETTER_NOW is "${fixed.slice(0, 40)}", not an ISO 8601 UTC timestamp such as 2020-05-26T09:00:00Z\nhint: unset it to use the real clock\n`,
    );
    process.exit(ExitCode.usage);
  }
  const at = new Date(fixed);
  return () => new Date(at);
}

/** The context of a real run: this process's streams, clock and terminal. */
export function processContext(): Context {
  const env = process.env;
  const interactive = Boolean(process.stdin.isTTY);
  const invokedAs = invocation(env, process.argv[1], process.cwd());
  // A reader that stops early (`letter log | head`) closes the pipe: stop quietly, as other tools do.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    process.stderr.write(`error: cannot write the output: ${e.message}\n`);
    process.exit(ExitCode.usage);
  });
  return {
    cwd: process.cwd(),
    now: clock(env.LETTER_NOW),
    env,
    // Text from files reaches a terminal: only letter's own colours may drive it (see terminalSafe).
    stdout: terminalSafe(process.stdout),
    stderr: terminalSafe(process.stderr),
    style: makeStyle(colourEnabled(process.stdout.isTTY, env), invokedAs),
    errStyle: makeStyle(colourEnabled(process.stderr.isTTY, env), invokedAs),
    interactive,
    prompts: async () => (await import('./prompts.js')).terminalPrompts(process.stderr),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
  };
}

const ENVIRONMENT_CODES = new Set([
  'EACCES',
  'EPERM',
  'ENOSPC',
  'EROFS',
  'ENOTDIR',
  'EISDIR',
  'EEXIST',
  'ENOENT',
  'ELOCKED',
  'EMFILE',
]);

/**
 * Runs `letter` with `argv` (without node and script) and returns the exit code:
 * 0 ok, 1 check failed or action refused, 2 usage or environment error, 130 cancelled.
 */
export function main(argv: string[], ctx: Context = processContext()): Promise<number> {
  const warn = (r: Recovery) =>
    ctx.stderr.write(`${ctx.errStyle.yellow('warning:')} ${describeRecovery(r, ctx.cwd)}\n`);
  return withRunEnv(ctx, warn, () => runMain(argv, ctx));
}

async function runMain(argv: string[], ctx: Context): Promise<number> {
  trace('main');
  const exit = { code: ExitCode.ok as number };
  try {
    await createProgram(ctx, exit).parseAsync(argv, { from: 'user' });
    return exit.code;
  } catch (e) {
    const code = reportError(e, ctx);
    if (wantsJson(argv) && !(e instanceof CommanderError && e.exitCode === 0))
      ctx.stdout.write(
        `${JSON.stringify(localHints(errorJson(e, code), ctx.style.command), null, 2)}\n`,
      );
    return code;
  }
}

function wantsJson(argv: readonly string[]): boolean {
  return (
    argv.includes('--json') ||
    argv.some((a, i) => (a === '--format' && argv[i + 1] === 'json') || a === '--format=json')
  );
}

/** What `--json` prints on stdout when a command fails: `ok` false and the error, so the output always parses. */
function errorJson(e: unknown, exitCode: number) {
  const err = e as Error & { hint?: string; problems?: Problem[]; code?: string };
  return {
    ok: false,
    exitCode,
    error: {
      type: e instanceof UserError || e instanceof CommanderError ? err.name : 'InternalError',
      message:
        e instanceof CommanderError
          ? err.message.replace(/^error: /, '')
          : (err?.message ?? String(e)),
      ...(err.hint ? { hint: err.hint } : {}),
      ...(err.problems ? { problems: err.problems } : {}),
    },
  };
}

function reportError(e: unknown, ctx: Context): number {
  const s = ctx.errStyle;
  if (e instanceof CommanderError) {
    return e.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (e instanceof UserError) {
    ctx.stderr.write(`${s.red('error:')} ${visible(e.message)}\n`);
    if (e instanceof InvalidLetter) {
      const shown = e.problems
        .slice(0, 20)
        .map((p: Problem) => visible(`  ${p.file}:${p.line}:${p.column}: ${p.message}`));
      if (e.problems.length > 20) shown.push(`  ... and ${e.problems.length - 20} more`);
      if (shown.length) ctx.stderr.write(`${shown.join('\n')}\n`);
    }
    if (e.hint) ctx.stderr.write(`${s.dim(visible(s.command(e.hint)))}\n`);
    return e.exitCode;
  }
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code && ENVIRONMENT_CODES.has(code)) {
    const why =
      code === 'ELOCKED'
        ? 'another letter command is changing this letter; try again in a moment'
        : (e as Error).message;
    ctx.stderr.write(`${s.red('error:')} ${why}\n`);
    return ExitCode.usage;
  }
  ctx.stderr.write(
    `${s.red('letter: internal error (a bug; please report it with the command you ran):')}\n${(e as Error)?.stack ?? String(e)}\n`,
  );
  return ExitCode.usage;
}
