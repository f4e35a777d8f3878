/// Why the bot did nothing, in the player's words. Refusals of the engine itself are ``Engine/Rejection``s.
enum Problem: Error, Sendable, Hashable {
    case notRegistered
    case unknownPlayer(String)
    case notAPlayer(String)
    case unknownCommand(String)
    case usage(command: String, arguments: String)
    case notANumber(String)
    case staleButton
    case notYourButton
    case expiredButton
    case alreadyDone
    case cannotRegister
    case emptyBook(String)
    case noSuchEntry(Int64)
}
