/// Pairs questions with answers: a run of asking turns followed by the run of turns that
/// answer it. An asking run with no answer forms no exchange.
enum ExchangeBuilder {
    static func build(turns: [Turn], speakers: [Speaker], runs: [Range<Int>]) -> [Exchange] {
        var roleOf: [String: Role] = [:]
        for s in speakers { roleOf[s.id] = s.role }
        var exchanges: [Exchange] = []
        for run in runs {
            var t = run.lowerBound
            while t < run.upperBound {
                var question: [Int] = []
                while t < run.upperBound, roleOf[turns[t].speaker]?.asks == true {
                    question.append(t)
                    t += 1
                }
                var answer: [Int] = []
                while t < run.upperBound, roleOf[turns[t].speaker]?.asks != true {
                    answer.append(t)
                    t += 1
                }
                if !question.isEmpty && !answer.isEmpty {
                    exchanges.append(Exchange(question: question, answer: answer))
                }
            }
        }
        return exchanges
    }
}
