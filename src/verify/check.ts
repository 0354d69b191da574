// The shape every per-format check returns.
import type { Problem, ProblemCode } from '../types.js';

export interface Check {
  width?: number;
  height?: number;
  problems: Problem[];
}

export const problem = (code: ProblemCode, message: string): Problem => ({ code, message });

/** Walker issues mean the structure cannot be trusted to be what the allowlist saw. */
export function structureProblems(issues: string[]): Problem[] {
  return issues.map((i) => problem('structure', `The file's structure is damaged: ${i}.`));
}

export function trailerProblem(bytes: number, what: string): Problem {
  return problem(
    'trailer',
    `${bytes} bytes of data follow the end of the ${what}; they could hold anything, such as an earlier version of the photo.`,
  );
}
