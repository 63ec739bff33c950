/**
 * Runs a test's cleanups last-registered first, each within `eachMs`: one that hangs (a server
 * waiting for a client's keep-alive, a stopping database) is named on stderr and left behind, and
 * the others still run, instead of the whole hook timing out with nothing said about which.
 */
export async function runCleanups(cleanups: (() => Promise<unknown> | unknown)[], eachMs = 30_000): Promise<void> {
  for (const cleanup of [...cleanups].reverse()) {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), eachMs);
    });
    try {
      const outcome = await Promise.race([Promise.resolve().then(cleanup), late]);
      if (outcome === 'late') console.error(`cleanup did not finish within ${eachMs} ms, left behind: ${String(cleanup).slice(0, 120)}`);
    } catch (err) {
      console.error(`cleanup failed: ${String(cleanup).slice(0, 120)}:`, err);
    } finally {
      clearTimeout(timer);
    }
  }
  cleanups.length = 0;
}
