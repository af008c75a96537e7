/**
 * `letter completion bash|zsh|fish`: a shell completion script, made from the command table
 * itself (commander has none of its own), so that it always lists the commands and flags of
 * the letter that prints it. Static: completing a word never starts node.
 */
import { UsageError } from '../errors.js';

/** A command as completion sees it: its name, flags, description and sub-commands. */
export interface CompletionCommand {
  name: string;
  description: string;
  /** Long flags (`--name`), with their one-letter short form and whether they take a value. */
  options: { long: string; short?: string | undefined; takesValue: boolean; description: string }[];
  commands: CompletionCommand[];
}

/** The shells `letter completion` writes for. */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** The completion script for `shell`. @throws UsageError for another shell. */
export function completionScript(shell: string, program: CompletionCommand): string {
  if (shell === 'bash') return bashScript(program);
  if (shell === 'zsh') return zshScript(program);
  if (shell === 'fish') return fishScript(program);
  throw new UsageError(
    `completion: no script for the shell "${shell}"`,
    `Choose one of: ${SHELLS.join(', ')}; e.g. letter completion bash`,
  );
}

/** Every command under `c` with the words that lead to it (`github issue-form`), `c` itself first with none. */
function paths(
  c: CompletionCommand,
  at: string[] = [],
): { path: string[]; command: CompletionCommand }[] {
  return [{ path: at, command: c }, ...c.commands.flatMap((s) => paths(s, [...at, s.name]))];
}

const words = (c: CompletionCommand) =>
  [
    ...c.commands.map((s) => s.name),
    ...c.options.flatMap((o) => (o.short ? [o.long, o.short] : [o.long])),
  ].join(' ');

function bashScript(program: CompletionCommand): string {
  const all = paths(program);
  const subs = all
    .filter((p) => p.command.commands.length > 0)
    .map(
      (p) =>
        `    "${p.path.join(' ')}") subs="${p.command.commands.map((s) => s.name).join(' ')}" ;;`,
    );
  const cases = all.map((p) => `    "${p.path.join(' ')}") words="${words(p.command)}" ;;`);
  const valued = [
    ...new Set(
      all.flatMap((p) =>
        p.command.options
          .filter((o) => o.takesValue)
          .flatMap((o) => (o.short ? [o.long, o.short] : [o.long])),
      ),
    ),
  ].join('|');
  return `# bash completion for letter. Load it in this shell:   source <(letter completion bash)
# or for every shell, from ~/.bashrc:  eval "$(letter completion bash)"
_letter_completion() {
  local cur=\${COMP_WORDS[COMP_CWORD]} key="" subs words w i
  # The command the words so far lead to ("github issue-form"); flag values are skipped.
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=\${COMP_WORDS[i]}
    case $w in
      ${valued}) ((i++)); continue ;;
      -*) continue ;;
    esac
    subs=""
    case $key in
${subs.join('\n')}
    esac
    case " $subs " in *" $w "*) key=\${key:+$key }$w ;; *) break ;; esac
  done
  case $key in
${cases.join('\n')}
  esac
  case \${COMP_WORDS[COMP_CWORD-1]} in
    ${valued}) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  if [[ $cur == -* || ( -z $key ) ]]; then
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
  else
    # the sub-commands of this command (the words before its flags), else letter folders and files
    subs=" $words"
    subs=\${subs%% -*}
    if [[ -n \${subs// /} ]]; then COMPREPLY=($(compgen -W "$subs" -- "$cur")); else COMPREPLY=($(compgen -f -- "$cur")); fi
  fi
}
complete -o filenames -F _letter_completion letter
`;
}

function zshScript(program: CompletionCommand): string {
  // zsh runs bash completion functions through its own bashcompinit module.
  return `# zsh completion for letter. Load it in this shell:   source <(letter completion zsh)
# or for every shell, from ~/.zshrc:  eval "$(letter completion zsh)"
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
${bashScript(program).split('\n').slice(2).join('\n')}`;
}

const fishQuote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function fishScript(program: CompletionCommand): string {
  const lines = [
    '# fish completion for letter. Load it:  letter completion fish | source',
    '# or for every shell:  letter completion fish > ~/.config/fish/completions/letter.fish',
    'complete -c letter -f',
  ];
  for (const { path, command } of paths(program)) {
    // Fish's own helpers: no sub-command yet, or the words so far include this command's path.
    const when =
      path.length === 0
        ? '__fish_use_subcommand'
        : `__fish_seen_subcommand_from ${path.at(-1)}${path.length > 1 ? `; and __fish_seen_subcommand_from ${path[0]}` : ''}`;
    for (const sub of command.commands)
      lines.push(
        `complete -c letter -n ${fishQuote(when)} -a ${sub.name} -d ${fishQuote(sub.description)}`,
      );
    for (const o of command.options) {
      const short = o.short ? ` -s ${o.short.slice(1)}` : '';
      lines.push(
        `complete -c letter -n ${fishQuote(when)} -l ${o.long.slice(2)}${short}${o.takesValue ? ' -r -F' : ''} -d ${fishQuote(o.description)}`,
      );
    }
    // Letter folders and the files inside them, after the command's name.
    if (path.length > 0 && command.commands.length === 0)
      lines.push(`complete -c letter -n ${fishQuote(when)} -F`);
  }
  return `${lines.join('\n')}\n`;
}
