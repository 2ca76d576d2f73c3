// Signal handling for the kselect command-line tool: an async-signal-safe handler that only
// forwards the signal's number through a pipe, for an ordinary thread to act on.
#ifndef KSELECT_SIGNALS_H
#define KSELECT_SIGNALS_H

/// Installs, for each of the `count` signals in `signals`, a handler that writes the signal's
/// number as one byte to a pipe and returns (write(2) is async-signal-safe; errno is kept).
/// Interrupted system calls are restarted (SA_RESTART). Both ends of the pipe are close-on-exec
/// and the write end never blocks, so a burst of signals cannot stall the handler. The signals
/// are unblocked in the calling thread (call it from the main thread, before other threads
/// start: they inherit its mask), since a parent may have started the process with them blocked.
/// Returns the pipe's read end, or -1 with errno set (the signals then keep their disposition).
int ks_signal_pipe(const int *signals, int count);

#endif
