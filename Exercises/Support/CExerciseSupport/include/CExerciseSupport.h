// CExerciseSupport: the few C calls the exercise tests need that Swift cannot make
// portably. `struct sigaction` has a different layout on Linux and Darwin, so installing a
// handler is written once, in C, where both C libraries agree on the names.

#ifndef C_EXERCISE_SUPPORT_H
#define C_EXERCISE_SUPPORT_H

#include <stdint.h>

/// Installs a handler for `signal_number` that does nothing, *without* `SA_RESTART`.
///
/// With `SA_RESTART` the kernel would quietly restart an interrupted `read(2)`; without it,
/// a thread blocked in `read` that receives the signal sees `-1` with `errno == EINTR`,
/// which is exactly what exercise 1.1 must survive. Returns 0, or -1 with `errno` set.
int exercise_install_interrupting_handler(int signal_number);

/// Unblocks `signal_number` for the calling thread (`pthread_sigmask(3)`).
///
/// A thread starts with its creator's signal mask, and the threads Swift Testing runs tests
/// on (Dispatch's workers) block every signal: a signal sent to a thread they started would
/// stay pending forever. Returns 0, or an `errno` value.
int exercise_unblock_signal(int signal_number);

/// The calling thread's `pthread_t`, as a number (an integer on Linux, a pointer on Darwin).
uintptr_t exercise_current_thread(void);

/// Sends `signal_number` to one thread of this process (`pthread_kill(3)`).
/// Returns 0, or an `errno` value.
int exercise_signal_thread(uintptr_t thread, int signal_number);

#endif
