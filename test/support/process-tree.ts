// The processes under a pid, read from /proc, so a test can tell that stopping a command
// stopped everything it started — servers run as another user included.
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  command: string;
}

/** Every live process (the test's view of /proc at this moment). */
function allProcesses(): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces; the fields after it do not.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z') continue;
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
      found.push({ pid: Number(entry), ppid: Number(fields[1]), command });
    } catch {
      // Gone between the listing and the read.
    }
  }
  return found;
}

/** `root` and all its descendants. */
export function processTree(root: number): ProcessInfo[] {
  const all = allProcesses();
  const tree = all.filter((p) => p.pid === root);
  for (let i = 0; i < tree.length; i++) {
    for (const child of all) if (child.ppid === tree[i].pid) tree.push(child);
  }
  return tree;
}

/** Which of `pids` are still running (zombies count as gone). */
export function stillRunning(pids: number[]): number[] {
  const live = new Set(allProcesses().map((p) => p.pid));
  return pids.filter((pid) => live.has(pid));
}
