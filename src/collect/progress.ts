/**
 * The progress report of a collection, as text: a bar redrawn in place when stderr is a
 * terminal, plain lines otherwise (a CI log must not fill with carriage returns). Pure: the CLI
 * decides where the text goes and when.
 */

/** Where a collection stands. */
export interface ProgressState {
  phase: string;
  done: number;
  total: number;
  /** Calls answered so far, all phases. */
  calls: number;
  retries: number;
}

const count = (n: number) => n.toLocaleString('en-US');

/** One bar line: `collect details [#####-----] 1,234/4,567 · 1,300 calls · 12 retries`. */
export function progressBar(state: ProgressState, width = 24): string {
  const ratio = state.total > 0 ? Math.min(1, state.done / state.total) : 1;
  const filled = Math.round(ratio * width);
  return `collect ${state.phase.padEnd(15)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${count(state.done)}/${count(state.total)} · ${count(state.calls)} calls · ${count(state.retries)} retries`;
}

/**
 * Decides which plain lines to print: one when a phase starts, one each time it passes a quarter,
 * and one when it ends. Returns the line to print for this state, or undefined.
 */
export function progressLines(): (state: ProgressState) => string | undefined {
  let lastPhase = '';
  let lastQuarter = -1;
  return (state) => {
    const quarter = state.total > 0 ? Math.floor((4 * state.done) / state.total) : 4;
    if (state.phase === lastPhase && quarter === lastQuarter) return undefined;
    const starting = state.phase !== lastPhase;
    lastPhase = state.phase;
    lastQuarter = quarter;
    if (starting && state.done === 0 && state.total > 0) return `collect: ${state.phase}: ${count(state.total)} to read`;
    return `collect: ${state.phase}: ${count(state.done)}/${count(state.total)} (${count(state.calls)} calls, ${count(state.retries)} retries)`;
  };
}
