import EventLoop

extension HTTPServer: ListeningServer {}
