#include "CExerciseSupport.h"

#include <pthread.h>
#include <signal.h>
#include <string.h>

static void do_nothing(int signal_number) {
    (void)signal_number;
}

int exercise_install_interrupting_handler(int signal_number) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = do_nothing;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: interrupted calls fail with EINTR
    return sigaction(signal_number, &action, NULL);
}

int exercise_unblock_signal(int signal_number) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, signal_number);
    return pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

uintptr_t exercise_current_thread(void) {
    return (uintptr_t)pthread_self();
}

int exercise_signal_thread(uintptr_t thread, int signal_number) {
    return pthread_kill((pthread_t)thread, signal_number);
}
