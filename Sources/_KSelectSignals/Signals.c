#include "KSelectSignals.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

/// The pipe's write end, read by the handler; set once before any handler is installed.
static volatile sig_atomic_t write_end = -1;

static void forward(int signal_number) {
  int saved = errno;
  unsigned char byte = (unsigned char)signal_number;
  if (write_end >= 0) {
    ssize_t ignored = write(write_end, &byte, 1);  // a full pipe already holds a signal to act on
    (void)ignored;
  }
  errno = saved;
}

static int set_flags(int fd, int descriptor_flags, int status_flags) {
  int flags = fcntl(fd, F_GETFD);
  if (flags < 0 || fcntl(fd, F_SETFD, flags | descriptor_flags) < 0) return -1;
  flags = fcntl(fd, F_GETFL);
  if (flags < 0 || fcntl(fd, F_SETFL, flags | status_flags) < 0) return -1;
  return 0;
}

int ks_signal_pipe(const int *signals, int count) {
  int ends[2];
  if (pipe(ends) != 0) return -1;
  if (set_flags(ends[0], FD_CLOEXEC, 0) != 0 || set_flags(ends[1], FD_CLOEXEC, O_NONBLOCK) != 0) {
    int saved = errno;
    close(ends[0]);
    close(ends[1]);
    errno = saved;
    return -1;
  }
  write_end = ends[1];
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = forward;
  sigfillset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigset_t handled;
  sigemptyset(&handled);
  for (int i = 0; i < count; i++) {
    if (sigaction(signals[i], &action, NULL) != 0) return -1;
    sigaddset(&handled, signals[i]);
  }
  // A parent may have started the process with these signals blocked (they would then stay
  // pending for ever); threads started later inherit this thread's mask.
  if (pthread_sigmask(SIG_UNBLOCK, &handled, NULL) != 0) return -1;
  return ends[0];
}
