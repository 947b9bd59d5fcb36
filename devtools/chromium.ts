// The browser the /ops page tests drive through playwright-core: Debian's chromium package.
import { debianExecutable } from './debian-package';

export const chromiumExecutable = (): Promise<string> => debianExecutable('/usr/bin/chromium', 'chromium');
