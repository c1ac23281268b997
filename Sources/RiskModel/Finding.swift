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
        visitFindings(Finding.catalogue, trainingUse: Finding.trainingUseCatalogue) { result.append($0) }
        return result
    }

    /// Calls `body` with this profile's findings in `findings` order, each as its entry in a table
    /// made by `Finding.tables`. The exports keep every finding's code as bytes so, and write a
    /// million rows' findings without collecting or copying them.
    public func forEachFinding<Entry>(in tables: Finding.Tables<Entry>, _ body: (Entry) throws -> Void) rethrows {
        try visitFindings(tables.catalogue, trainingUse: tables.trainingUse, body)
    }

    /// Visits the catalogue entries of this profile in `findings` order.
    private func visitFindings<Entry>(_ catalogue: [[Entry?]], trainingUse: [Entry?], _ body: (Entry) throws -> Void) rethrows {
        for factor in Factor.allCases {
            if let entry = catalogue[factor.rawValue][levelIndex(of: factor)] { try body(entry) }
            if factor == .vendorSharing, vendorSharing != .none, let entry = trainingUse[vendorTrainingUse.rawValue] {
                try body(entry)
            }
        }
    }
}

extension Finding {
    /// Something kept for every finding, laid out as the catalogues are.
    public struct Tables<Entry>: Sendable where Entry: Sendable {
        fileprivate let catalogue: [[Entry?]]
        fileprivate let trainingUse: [Entry?]
    }

    /// `transform` of every finding, laid out for `RiskProfile.forEachFinding(in:_:)`.
    public static func tables<Entry: Sendable>(_ transform: (Finding) -> Entry) -> Tables<Entry> {
        Tables(catalogue: catalogue.map { $0.map { $0.map(transform) } }, trainingUse: trainingUseCatalogue.map { $0.map(transform) })
    }
}
