/// What a handler answers: the message for the player who asked, and messages for others.
struct Answer: Sendable {
    var text: String
    var buttons: [[Button]] = []
    /// After a button press, show this in place of the pressed message instead of sending a new one.
    var replacesPressed = false
    /// Messages to other players, sent to their private chats.
    var notices: [Notice] = []
}

/// A message for another player, e.g. "alice paid you 5.00 TIX".
struct Notice: Sendable, Hashable {
    var account: String
    var text: String
}
