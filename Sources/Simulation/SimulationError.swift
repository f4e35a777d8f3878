import Foundation

/// What stops a simulation before it runs, in the designer's words.
public enum SimulationError: Error, CustomStringConvertible, Equatable {
    case invalidMix(String)
    case invalidVariant(String)
    case missingRules(String)
    /// A variant whose rules would fall back to defaults: simulating it would compare the wrong economy.
    case brokenRules(String, [String])

    public var description: String {
        switch self {
        case .invalidMix(let text):
            "The mix '\(text)' is not of the form tappers=70,consumers=25,proactive=5 with shares adding up to 100."
        case .invalidVariant(let text): "The variant '\(text)' is not of the form NAME=DIR (letters, digits, - and _ in the name)."
        case .missingRules(let path): "There is no rules directory at '\(path)'."
        case .brokenRules(let path, let problems):
            "The rules in '\(path)' do not pass `tix rules check`:\n" + problems.joined(separator: "\n")
        }
    }
}
