import EventLoop

/// Which clock a connection is on.
enum DeadlineKind {
    /// A request's head has started arriving and must be complete in time (`408`).
    case head
    /// Nothing is in flight; the connection may stay open this long (keep-alive).
    case idle
}

extension HTTPConnectionHandler {
    // snippet: slow-client-timeouts
    /// Works out which deadline applies now, and makes sure a timer will fire by then.
    ///
    /// A client that opens a connection and sends a byte a second ("slowloris") costs us
    /// a descriptor and memory for as long as we let it. So a head must arrive in full
    /// within the header timeout, counted from its *first* byte: trickling bytes does not
    /// reset the clock. A connection with nothing in flight gets the keep-alive timeout.
    /// While a handler works on a request (a long-poll may take minutes) neither applies.
    ///
    /// Re-arming a timer on every request would cost more than the request; instead the
    /// deadline is a plain value updated freely, and one timer, when it fires, checks
    /// whether the deadline has really passed or has moved on.
    func updateTimer() {
        guard !isClosed, !isUpgraded else { return }
        computeDeadline()
        guard let deadline else { return }
        if let timer, timer.at <= deadline.at { return }  // it fires early enough
        arm(at: deadline.at)
    }
    // end-snippet

    private func computeDeadline() {
        let now = connection.loop.now  // read when the loop woke up for this event
        if isFinishing {
            deadline = nil
        } else if currentBody == nil && pendingUpgrade == nil && parser.hasPartialHead {
            let started = headStartedAt ?? now
            headStartedAt = started
            deadline = (.head, started + configuration.headerTimeout)
        } else if responses.isEmpty && currentBody == nil {
            headStartedAt = nil
            deadline = (.idle, idleSince + configuration.keepAliveTimeout)
        } else {
            deadline = nil
        }
    }

    private func arm(at instant: LoopInstant) {
        timer?.timer.cancel()
        let loop = connection.loop
        let delay = instant > loop.now ? instant - loop.now : .zero
        let scheduled = loop.schedule(after: delay) { [weak self] in self?.timerFired() }
        timer = (scheduled, instant)
    }

    private func timerFired() {
        timer = nil
        guard !isClosed, !isUpgraded else { return }
        computeDeadline()
        guard let deadline else { return }
        guard connection.loop.now >= deadline.at else { return arm(at: deadline.at) }
        // Acting sets `isFinishing`, so no deadline applies afterwards and no timer is
        // armed again: a timer re-armed in the past would fire again at once, forever.
        isFinishing = true
        self.deadline = nil
        switch deadline.kind {
        case .head:
            context.logger.debug("\(connection): request head not complete in time")
            headStartedAt = nil
            answerUnparsedRequest(
                .requestTimeout,
                message: "the request head did not arrive within \(configuration.headerTimeout)"
            )
            updateReadingInterest()
        case .idle:
            connection.closeAfterFlushing()
        }
    }
}
