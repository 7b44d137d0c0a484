// Placeholder: the run report (report.html) is built by the runs-over-time work.
/** Writes (or rewrites) `<runDir>/report.html` from what the run directory holds; returns its path. */
export const writeRunReport = async (runDir: string): Promise<string | undefined> => {
  void runDir;
  return undefined;
};
