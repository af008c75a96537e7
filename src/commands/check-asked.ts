/**
 * What `letter check` asks on every run and never remembers: git's index changes without
 * the files changing, and a follow-up in deliveries.yaml falls due as the days pass.
 */
import path from 'node:path';
import type { Context } from '../context.js';
import type { Problem } from '../errors.js';
import { DELIVERIES_FILE, pathExists } from '../storage/layout.js';
import { inviteesInPublicFiles, trackedPrivateFiles } from './check-private.js';

/**
 * Starts the questions asked every run about the letter in `dir` (the files of the private
 * store git tracks or would add, invitees named in public files, deliveries.yaml) and
 * returns a function that gives their problems, in that order. Started before the signature
 * files are listed, the git processes run meanwhile; a question that fails throws when its
 * answer is taken, as when they were asked one after the other.
 */
export function askEveryRun(dir: string, ctx: Context): () => Promise<Problem[]> {
  const asked = [
    trackedPrivateFiles(dir, ctx),
    inviteesInPublicFiles(dir, ctx),
    deliveriesIfAny(dir, ctx),
  ];
  // Taken in turn below: a failure waits there instead of ending the run as unhandled.
  for (const a of asked) a.catch(() => {});
  return async () => {
    const problems: Problem[] = [];
    for (const a of asked) problems.push(...(await a));
    return problems;
  };
}

/**
 * The problems of the letter's deliveries.yaml (see check-deliveries.ts), whose schema and
 * parser are loaded only when there is such a file: most letters have none.
 */
async function deliveriesIfAny(dir: string, ctx: Context): Promise<Problem[]> {
  if (!(await pathExists(path.join(dir, DELIVERIES_FILE)))) return [];
  return (await import('./check-deliveries.js')).deliveriesProblems(dir, ctx);
}
