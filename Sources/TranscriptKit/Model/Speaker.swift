/// A person (or a group written under one label, such as `记者` or `Q`) who speaks.
public struct Speaker: Sendable, Hashable {
    /// A stable identifier within one transcript: `s1`, `s2`, … in order of first appearance.
    public var id: String
    /// The fullest name the transcript gives, e.g. `Tim Brooks`.
    public var name: String
    /// Every other label this speaker is written under, as written (`Brooks`).
    public var aliases: [String]
    public var role: Role

    public init(id: String, name: String, aliases: [String] = [], role: Role = .other) {
        self.id = id
        self.name = name
        self.aliases = aliases
        self.role = role
    }
}

/// What part a speaker plays in the conversation.
public enum Role: String, Sendable, Hashable, CaseIterable, Codable {
    /// Asks the questions: a journalist, host, moderator.
    case interviewer
    /// Asks from the audience or the floor.
    case audience
    /// Answers the questions.
    case interviewee
    /// Neither asks nor answers (a crew member, a narrator, …).
    case other

    /// Whether turns of this role ask questions.
    public var asks: Bool { self == .interviewer || self == .audience }
}
