/** The human view of `letter outreach`: who waits, whose reminder is due, the funnel with bars as `letter stats` draws them. */
import type { FunnelRow } from '../letter/outreach.js';
import type { Style } from '../terminal.js';
import { fitColumns } from '../terminal-columns.js';
import type { OutreachResult } from './outreach.js';
import { bars } from './stats.js';

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

/** The board as text: waiting, reminders due by owner, and the funnel (every group, then the total). */
export function formatOutreach(r: OutreachResult, style: Style): string {
  const t = r.total;
  if (t.invited === 0)
    return `${style.bold(r.letter)}: no invitations${r.owner ? ` owned by ${r.owner}` : ''} yet (letter invite ${r.letter} --name ...)`;
  const waiting = r.waiting.map((w) => {
    const line = `  ${fitColumns(w.name, 28)} ${fitColumns(w.owner, 16)} ${w.state.padEnd(8)} waiting ${days(w.days_waiting)}, last contact ${days(w.days_since_contact)} ago`;
    return w.reminder_due ? style.yellow(line) : line;
  });
  const due = r.due.flatMap((o) => [
    `  ${style.bold(o.owner)}: ${o.due.length}`,
    ...o.due.map((w) => `    ${w.name} (${w.id}), last contact ${days(w.days_since_contact)} ago`),
  ]);
  const funnel = (row: FunnelRow) => [
    style.bold(`${row.label}: ${row.invited} invited`),
    ...bars(
      [
        { key: 'agreed', label: 'agreed', count: row.agreed },
        { key: 'waiting', label: 'waiting', count: row.waiting },
        { key: 'declined', label: 'declined', count: row.declined },
        { key: 'no-answer', label: 'no answer', count: row.no_answer },
      ],
      style,
    ),
  ];
  return [
    `${style.bold(r.letter)}: ${t.invited} invited, ${t.agreed} agreed, ${t.declined} declined, ${t.no_answer} no answer, ${t.waiting} waiting${r.owner ? ` (owner ${r.owner})` : ''}`,
    '',
    style.bold(`Waiting for an answer (${r.waiting.length})`),
    ...(waiting.length ? waiting : [style.dim('  (none)')]),
    '',
    style.bold(`Reminders due (last contact ${r.remind_after_days} or more days ago)`),
    ...(due.length ? due : [style.dim('  (none)')]),
    '',
    style.bold('Funnel by group'),
    ...r.funnel.flatMap((row) => [...funnel(row), '']),
  ]
    .join('\n')
    .trimEnd();
}
