/// An event loop is also an executor for Swift concurrency: tasks and actors can run on it.
///
/// This is what gives the async face its speed. A task started with
/// `Task(executorPreference: loop)` runs its non-isolated code on the loop's thread, so
/// when a connection's handler resumes the task with new bytes, the task's next step is
/// queued on the *same* thread and runs before the loop sleeps again: no hop to the global
/// thread pool and back for every message.
// snippet: executor
extension EventLoop: TaskExecutor, SerialExecutor {
    /// Queues a job (a slice of a task) to run on the loop's thread.
    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        execute {
            job.runSynchronously(
                isolatedTo: self.asUnownedSerialExecutor(),
                taskExecutor: self.asUnownedTaskExecutor()
            )
        }
    }

    /// This loop as an actor's executor.
    public func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// This loop as a task executor.
    public func asUnownedTaskExecutor() -> UnownedTaskExecutor {
        UnownedTaskExecutor(ordinary: self)
    }

    /// Lets an actor that runs on this loop check, at run time, that it really does.
    public func checkIsolated() {
        preconditionInEventLoop()
    }
}
// end-snippet
