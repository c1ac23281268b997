extension Policy {
    /// The built-in policy, kept as TOML so that it reads, and is loaded, exactly like a file given
    /// with `--policy`; `radrisk policy` prints it as a starting point for a hospital's own.
    /// Compiled in rather than shipped as a resource so that a copied `radrisk` binary stands alone.
    public static let defaultTOML = #"""
    # RadRisk scoring policy.
    #
    # Each factor maps each level to risk points, 0 (best) to 10 (worst). The risk score is
    # sum(weight * points) / 10, so it runs from 0 to 100 and each factor's contribution is exactly
    # weight * points / 10. Points must not fall as a level gets riskier, and `unknown` must score
    # at least the median known level: an unverified claim is a risk (HHS Guidance on Risk Analysis,
    # 2010: risk is assessed on what is documented, not on what is assumed).
    policy_version = "radrisk-2026.11"

    # Weights sum to 100. Where images go and who receives them dominate, because every later
    # control only limits the damage once data has left (GDPR Art. 5(1)(c) data minimisation,
    # Art. 25 data protection by design).
    [weights]
    data_locality = 12
    vendor_sharing = 14
    encryption_at_rest = 10
    encryption_in_transit = 10
    retention = 8
    unlearning = 10
    output_exposure = 8
    image_integrity = 8
    deidentification = 8
    access_control = 6
    patient_consent = 3
    breaches = 3

    # Lowest score of each tier; below `moderate` is low.
    [tiers]
    moderate = 25
    high = 50
    critical = 75

    # Cross-border processing adds a second legal regime and transfer risk (GDPR Art. 44-46,
    # Schrems II, CJEU C-311/18); a private cloud tenancy is the hospital's own control plane.
    [points.data_locality]
    on_premises = 0
    private_cloud = 3
    vendor_cloud_domestic = 6
    vendor_cloud_cross_border = 10
    unknown = 9

    # Pseudonymised data is still personal data (GDPR Recital 26); de-identified data under the
    # HIPAA Safe Harbor or Expert Determination methods (45 CFR 164.514(b)) carries residual
    # re-identification risk, which is higher for images (faces in head CT/MR).
    [points.vendor_sharing]
    none = 0
    deidentified = 3
    pseudonymized = 7
    identifiable = 10
    unknown = 9

    # Added to vendor_sharing points (capped at 10) when anything may be shared: data a vendor
    # trains on is copied into a model it keeps (see unlearning).
    [vendor_training_raise]
    no = 0
    yes = 3
    unknown = 2

    # HIPAA 45 CFR 164.312(a)(2)(iv); GDPR Art. 32(1)(a). Customer-held keys keep the vendor
    # from reading stored images on its own (or a subpoena's) initiative.
    [points.encryption_at_rest]
    full_customer_keys = 0
    full = 2
    partial = 6
    none = 10
    unknown = 8

    # HIPAA 45 CFR 164.312(e)(1); TLS below 1.2 is deprecated (RFC 8996, NIST SP 800-52r2).
    [points.encryption_in_transit]
    mutual_tls = 0
    tls12_plus = 2
    legacy_tls = 7
    none = 10
    unknown = 8

    # Storage limitation, GDPR Art. 5(1)(e). Seven years is a common medical-record horizon.
    [points.retention]
    none = 0
    up_to_30_days = 2
    up_to_1_year = 4
    up_to_7_years = 6
    beyond_7_years = 8
    indefinite = 10
    unknown = 9

    # Right to erasure, GDPR Art. 17: models memorise training images and can leak them
    # (Carlini et al., USENIX Security 2023, "Extracting training data from diffusion models");
    # certified removal (Guo et al., ICML 2020) and sharded retraining (SISA, Bourtoule et al.,
    # IEEE S&P 2021) make erasure feasible; a full retrain rarely happens in practice.
    [points.unlearning]
    not_applicable = 0
    certified = 1
    partitioned_retrain = 3
    full_retrain = 6
    none = 10
    unknown = 9

    # Model inversion grows with the richness of the output (Fredrikson et al., CCS 2015);
    # saliency maps leak more than scores (Shokri et al., "On the privacy risks of model
    # explanations", AIES 2021); generated images leak the most.
    [points.output_exposure]
    label_only = 0
    scores = 2
    heatmaps = 5
    images = 10
    unknown = 8

    # Tampered and synthetic images fool radiologists and models alike (Mirsky et al.,
    # CT-GAN, USENIX Security 2019). HIPAA 45 CFR 164.312(c)(1) integrity.
    [points.image_integrity]
    provenance = 0
    signatures = 2
    checksums = 5
    none = 10
    unknown = 8

    # DICOM PS3.15 Annex E confidentiality profiles; burned-in text and reconstructable faces
    # (Schwarz et al., NEJM 2019) defeat header-only de-identification.
    [points.deidentification]
    not_applicable = 0
    full_with_defacing = 1
    header_and_pixels = 3
    header_only = 6
    none = 10
    unknown = 9

    # HIPAA 45 CFR 164.312(a)(1) access control, 164.312(a)(2)(i) unique user identification,
    # 164.312(d) person or entity authentication.
    [points.access_control]
    rbac_mfa = 0
    rbac = 3
    individual_accounts = 5
    shared_accounts = 10
    unknown = 8

    # GDPR Art. 6, 7 and 9(2); weighted low because treatment-related processing rarely rests
    # on consent, but secondary use (vendor training) should.
    [points.patient_consent]
    opt_in = 0
    opt_out = 3
    notice = 6
    none = 10
    unknown = 8

    # HIPAA breach notification, 45 CFR 164.400-414; GDPR Art. 33-34. A history predicts
    # recurrence; unknown sits just above the median because breaches of this size are public.
    [points.breaches]
    none = 0
    one = 5
    two_to_four = 8
    five_or_more = 10
    unknown = 7

    # Escalation rules raise the tier, never lower it. A condition holds when the factor scores
    # at least the points of the named level.
    [[escalation]]
    name = "identifiable_without_tls12"
    raise_to = "critical"
    reason = "Identifiable images reach the vendor without verified TLS 1.2 or better."
    regulation = "HIPAA 45 CFR 164.312(e)(1); GDPR Art. 32(1)(a)"
    when = { vendor_sharing = "identifiable", encryption_in_transit = "legacy_tls" }

    [[escalation]]
    name = "unencrypted_transit_off_premises"
    raise_to = "high"
    reason = "Images are processed off the premises and travel unencrypted."
    regulation = "HIPAA 45 CFR 164.312(e)(2)(ii); GDPR Art. 32(1)(a)"
    when = { data_locality = "private_cloud", encryption_in_transit = "none" }

    [[escalation]]
    name = "shared_without_encryption_in_transit"
    raise_to = "high"
    reason = "Data is sent to the vendor unencrypted."
    regulation = "HIPAA 45 CFR 164.312(e)(1); GDPR Art. 32(1)(a)"
    when = { vendor_sharing = "deidentified", encryption_in_transit = "none" }

    [[escalation]]
    name = "personal_data_cross_border"
    raise_to = "high"
    reason = "Identifiable or pseudonymised patient data is processed in another jurisdiction."
    regulation = "GDPR Art. 44-46 and Recital 26"
    when = { data_locality = "vendor_cloud_cross_border", vendor_sharing = "pseudonymized" }

    [[escalation]]
    name = "repeated_breaches"
    raise_to = "high"
    reason = "Two or more security incidents in the last three years."
    regulation = "HIPAA 45 CFR 164.308(a)(6); GDPR Art. 33"
    when = { breaches = "two_to_four" }
    """#

    /// The built-in policy. It is checked by the same loader as any file, and by the tests.
    public static let standard: Policy = {
        do {
            return try Policy(toml: defaultTOML, fileName: "built-in policy")
        } catch {
            preconditionFailure("the built-in policy is invalid: \(error)")
        }
    }()
}
