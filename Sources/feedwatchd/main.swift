import FeedWatchCommands

await EntryPoint.run(DaemonCommand.self)
