/**
 * Everything a benchmark starts (processes, sockets, databases) registers its undo here, so a
 * failure or Ctrl-C still leaves the machine as it was. Undos run in reverse order, once.
 */
type Undo = () => unknown;

const undos: Undo[] = [];
let installed = false;

export function onCleanup(undo: Undo): () => Promise<void> {
  install();
  undos.push(undo);
  return async () => {
    const i = undos.indexOf(undo);
    if (i >= 0) {
      undos.splice(i, 1);
      await undo();
    }
  };
}

export async function cleanupAll(): Promise<void> {
  while (undos.length) {
    const undo = undos.pop() as Undo;
    try {
      await Promise.race([undo(), new Promise((r) => setTimeout(r, 15_000))]);
    } catch (e) {
      console.error('cleanup step failed:', (e as Error).message);
    }
  }
}

function install(): void {
  if (installed) return;
  installed = true;
  const bail = (why: string, code: number) => {
    console.error(`\n${why}: cleaning up…`);
    void cleanupAll().finally(() => process.exit(code));
  };
  process.once('SIGINT', () => bail('interrupted', 130));
  process.once('SIGTERM', () => bail('terminated', 143));
  process.once('uncaughtException', (e) => {
    console.error(e);
    bail('uncaught exception', 1);
  });
  process.once('unhandledRejection', (e) => {
    console.error(e);
    bail('unhandled rejection', 1);
  });
}
