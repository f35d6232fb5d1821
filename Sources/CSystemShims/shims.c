// One-line wrappers for the calls CSystemShims.h declares; see the comment there.
#ifdef __linux__
#define _GNU_SOURCE
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <pthread.h>
#include <sys/socket.h>

#include "CSystemShims.h"

int socketladder_epoll_create1(int flags) { return epoll_create1(flags); }

int socketladder_epoll_ctl(int epfd, int op, int fd, struct epoll_event *event) {
    return epoll_ctl(epfd, op, fd, event);
}

int socketladder_epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout) {
    return epoll_wait(epfd, events, maxevents, timeout);
}

int socketladder_eventfd(unsigned int initval, int flags) { return eventfd(initval, flags); }

int socketladder_accept4(int fd, struct sockaddr *address, socklen_t *length, int flags) {
    return accept4(fd, address, length, flags);
}

int socketladder_name_current_thread(const char *name) {
    return pthread_setname_np(pthread_self(), name);
}
#endif
