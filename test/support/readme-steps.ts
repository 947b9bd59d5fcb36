// Reads the shell examples of a README section as steps a test can run: each command (with
// its `\` continuation lines) and the sample output printed under it as `# ` comments.

export interface ReadmeStep {
  command: string;
  /** The sample output lines, in order; `…` stands for anything. */
  expected: string[];
}

/** The ```sh blocks between `## <title>` and the next `## ` heading, as steps. */
export function readmeSteps(readme: string, title: string): ReadmeStep[] {
  const start = readme.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`README has no section "${title}"`);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const steps: ReadmeStep[] = [];
  for (const [, block] of section.matchAll(/```sh\n([\s\S]*?)```/g)) {
    let current: ReadmeStep | undefined;
    let continued = false;
    for (const line of block.split('\n')) {
      if (continued && current) {
        current.command += `\n${line}`;
      } else if (line.startsWith('#')) {
        // Under a command: its output. Elsewhere: a remark for the reader.
        if (current) current.expected.push(line.replace(/^# ?/, ''));
        continue;
      } else if (line.trim() === '') {
        current = undefined;
        continue;
      } else {
        current = { command: line, expected: [] };
        steps.push(current);
      }
      continued = line.endsWith('\\') || unclosedQuote(current!.command);
    }
  }
  return steps;
}

/** A line break inside '…' continues the command without a backslash. */
function unclosedQuote(command: string): boolean {
  let single = false;
  let double = false;
  for (let i = 0; i < command.length; i++) {
    const char = command[i];
    if (char === '\\' && !single) i++;
    else if (char === "'" && !double) single = !single;
    else if (char === '"' && !single) double = !double;
  }
  return single || double;
}

/**
 * Whether `output` shows `expected`: each sample line matches an output line, in order
 * (others may come between). `…` is a wildcard, and a YYYY-MM-DD date stands for any date,
 * since the samples were printed on another day.
 */
export function showsSample(output: string, expected: string[]): boolean {
  const lines = output.split('\n');
  let at = 0;
  for (const sample of expected) {
    if (sample.trim() === '…') continue;
    const pattern = new RegExp(
      `^${sample
        .split('…')
        .map((part) =>
          part
            .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
            .replace(/\d{4}-\d{2}-\d{2}/g, '\\d{4}-\\d{2}-\\d{2}')
            .replace(/(?<=_)\d{8}(?=_)/g, '\\d{8}'),
        )
        .join('.*?')}$`,
    );
    while (at < lines.length && !pattern.test(lines[at])) at++;
    if (at === lines.length) return false;
    at++;
  }
  return true;
}
