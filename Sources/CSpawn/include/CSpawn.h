// Starting hook programs: posix_spawn with the GNU extensions Swift's Glibc module hides.
#ifndef FEEDWATCH_CSPAWN_H
#define FEEDWATCH_CSPAWN_H

#include <sys/types.h>

/// A pipe whose two ends close on exec. Returns 0, or an errno value.
int fw_pipe_cloexec(int fds[2]);

/// Starts `path` with exactly `argv` and `envp`: standard input from `stdin_fd`, standard output
/// to /dev/null, standard error to `stderr_fd`, no other descriptor of the caller, every signal
/// at its default and none blocked, in a process group of its own. Returns 0, or an errno value
/// (ENOENT, EACCES… when the program cannot be executed).
int fw_spawn(pid_t *pid, const char *path, char *const argv[], char *const envp[], int stdin_fd, int stderr_fd);

#endif
