// A server the browser tests start as a child process (npm start, next start), and the one way to
// wait for it to exit: with a deadline that kills its process group and fails with its output.
import type { ChildProcess } from "node:child_process";

export interface StartedProcess {
  child: ChildProcess;
  output: () => string;
}

/** The last 40 lines of a process's output, for a failure message. */
export const tail = (text: string) => text.split("\n").slice(-40).join("\n");

/** The exit code, or a failure naming `what` with the process's output when it is still running at the deadline. */
export function exitWithin(started: StartedProcess, deadlineMs: number, what: string): Promise<number | null> {
  const { child } = started;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      process.kill(-child.pid!, "SIGKILL");
      reject(new Error(`${what} ${deadlineMs / 1000} s. Its last output:\n${tail(started.output())}`));
    }, deadlineMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}
