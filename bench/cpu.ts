// CPU time by process, read from /proc, so the benchmark can say where each operation's CPU
// goes: holdfast's own process, the Temporal server, Postgres. Only the benchmark's own
// process tree counts: on a shared machine, other stacks' servers carry the same names.
// Linux only; elsewhere empty.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** Milliseconds of CPU (user + system) used so far by `root` and its descendants, summed per process name. */
export function cpuMsByProcess(root = process.pid): Map<string, number> {
  const processes = new Map<number, { name: string; parent: number; ms: number }>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return new Map();
  }
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // The name is in parentheses and may contain spaces; the fields after it are fixed.
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
    processes.set(Number(pid), { name, parent: Number(fields[1]), ms: (ticks * 1000) / TICKS_PER_SECOND });
  }
  const inTree = (pid: number): boolean => {
    for (let at = processes.get(pid); at; at = processes.get(at.parent)) {
      if (pid === root) return true;
      pid = at.parent;
    }
    return false;
  };
  const totals = new Map<string, number>();
  for (const [pid, { name, ms }] of processes) {
    if (inTree(pid)) totals.set(name, (totals.get(name) ?? 0) + ms);
  }
  return totals;
}

/** What each process name used between two readings. */
export function cpuDelta(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  const delta = new Map<string, number>();
  for (const [name, ms] of after) {
    const used = ms - (before.get(name) ?? 0);
    if (used > 0) delta.set(name, used);
  }
  return delta;
}
