/// What a factor level that is not the best means for the hospital: a stable code for reports and
/// scripts, a one-line explanation, what to do, the regulation it touches and, where the level is
/// unknown, the question to put to the vendor.
public struct Finding: Hashable, Sendable {
    public let code: String
    public let factor: Factor
    public let explanation: String
    public let recommendation: String
    public let regulation: String
    public let vendorQuestion: String?

    public init(
        code: String, factor: Factor, explanation: String, recommendation: String, regulation: String,
        vendorQuestion: String? = nil
    ) {
        self.code = code
        self.factor = factor
        self.explanation = explanation
        self.recommendation = recommendation
        self.regulation = regulation
        self.vendorQuestion = vendorQuestion
    }
}

extension RiskProfile {
    /// One finding for every factor level that is not the best, in factor order; the vendor's
    /// training use follows vendor sharing when anything may be shared.
    public var findings: [Finding] {
        var result: [Finding] = []
        result.reserveCapacity(Factor.allCases.count + 1)
        for factor in Factor.allCases {
            if let finding = Finding.catalogue[factor.rawValue][levelIndex(of: factor)] {
                result.append(finding)
            }
            if factor == .vendorSharing, vendorSharing != .none,
               let finding = Finding.trainingUseCatalogue[vendorTrainingUse.rawValue] {
                result.append(finding)
            }
        }
        return result
    }
}
