// The file a running stack (`holdfast dev`'s dev-stack.json, `holdfast cluster`'s
// cluster.json) leaves in its data dir so other commands can find it. Both hold database
// passwords, so only the data dir's owner may read them; both name the pid that wrote them,
// so a file left by a killed stack is told from a running one.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { isAlive } from '../devtools/process-alive';

/** Replaces the file in one step, mode 0600: a reader never sees half of it. */
export async function writeStackFile(file: string, info: { pid: number }): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  await rename(partial, file);
}

/** The stack that wrote `file`, or undefined if there is none or its process is gone. */
export async function readStackFile<T extends { pid: number }>(file: string, schema: z.ZodType<T>): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const info = schema.parse(JSON.parse(text));
  return isAlive(info.pid) ? info : undefined;
}
