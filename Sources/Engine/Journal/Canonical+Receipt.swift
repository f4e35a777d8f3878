extension Canonical {
    /// Every command's receipt is encoded by the single writer, so it has a writer of its own: the same
    /// bytes the generic ``CanonicalEncoder`` gives (a test holds the two equal), without building a tree.
    package static func encode(_ receipt: Receipt) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64 + receipt.postings.count * 96)
        out += #"{"at":"#.utf8
        out += String(receipt.at).utf8
        if let created = receipt.createdID {
            out += #","createdID":"#.utf8
            out += String(created).utf8
        }
        out += #","postings":["#.utf8
        for (index, posting) in receipt.postings.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out += #"{"amount":"#.utf8
            out += String(posting.amount).utf8
            out += #","asset":"#.utf8
            appendString(posting.asset, to: &out)
            out += #","from":"#.utf8
            appendString(posting.from, to: &out)
            out += #","id":"#.utf8
            out += String(posting.id).utf8
            out += #","to":"#.utf8
            appendString(posting.to, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out += #"],"seq":"#.utf8
        out += String(receipt.seq).utf8
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }
}
