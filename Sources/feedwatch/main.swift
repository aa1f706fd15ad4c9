import FeedWatchCommands

await EntryPoint.run(FeedWatchCommand.self)
