// CSystemShims: the few Linux system calls that Swift's Glibc module does not export.
//
// Swift 6.3.1's Glibc module leaves out <sys/epoll.h> and <sys/eventfd.h>, and declares
// accept4(2) and pthread_setname_np(3) only under _GNU_SOURCE. Including the headers here makes their types and
// constants (struct epoll_event, EPOLLIN, EFD_NONBLOCK, ...) visible to Swift; the
// functions below are one-line wrappers compiled in shims.c with _GNU_SOURCE defined.
// Nothing else belongs here: every decision is made in Swift, in Sources/SystemCalls.

#ifndef CSYSTEMSHIMS_H
#define CSYSTEMSHIMS_H

#ifdef __linux__
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

/// epoll_create1(2): a new epoll instance; flags is 0 or EPOLL_CLOEXEC.
int socketladder_epoll_create1(int flags);

/// epoll_ctl(2): add, change or remove the interest of `fd`.
int socketladder_epoll_ctl(int epfd, int op, int fd, struct epoll_event *event);

/// epoll_wait(2): wait up to `timeout` milliseconds (-1: forever) for ready descriptors.
int socketladder_epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout);

/// eventfd(2): a counter descriptor another thread can write to wake a sleeping loop.
int socketladder_eventfd(unsigned int initval, int flags);

/// accept4(2): accept(2) that also sets SOCK_NONBLOCK / SOCK_CLOEXEC in the same call.
int socketladder_accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);

/// pthread_setname_np(3) for the calling thread (a GNU extension; at most 15 bytes).
int socketladder_name_current_thread(const char *name);
#endif

#endif
