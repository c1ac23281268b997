extension Finding {
    /// Indexed by `Factor.rawValue`, then by the level index in `factor.levelTokens`; nil for the best level (index 0).
    static let catalogue: [[Finding?]] = [
        // dataLocality: on_premises, private_cloud, vendor_cloud_domestic, vendor_cloud_cross_border, unknown
        [
            nil,
            Finding(
                code: "DL-PRIVATE-CLOUD", factor: .dataLocality,
                explanation: "Images are processed in the hospital's cloud tenancy; the cloud provider can reach them.",
                recommendation: "Confirm a BAA / Art. 28 contract with the cloud provider and keep the tenancy's region pinned.",
                regulation: "HIPAA 45 CFR 164.308(b)(1) business associate contracts; GDPR Art. 28 processor obligations"),
            Finding(
                code: "DL-VENDOR-CLOUD-DOMESTIC", factor: .dataLocality,
                explanation: "Images are processed in the vendor's cloud; the hospital no longer controls who can reach them.",
                recommendation: "Sign a BAA / Art. 28 contract naming sub-processors, audit rights and data location.",
                regulation: "HIPAA 45 CFR 164.308(b)(1) business associate contracts; GDPR Art. 28 processor obligations"),
            Finding(
                code: "DL-CROSS-BORDER", factor: .dataLocality,
                explanation: "Images are processed abroad, under a second legal regime with its own access by authorities.",
                recommendation: "Require an EU/domestic region, or SCCs plus a transfer impact assessment before further use.",
                regulation: "GDPR Art. 44-46 international transfers"),
            Finding(
                code: "DL-UNKNOWN", factor: .dataLocality,
                explanation: "Nobody has confirmed where the images are processed and stored, so transfers cannot be assessed.",
                recommendation: "Ask the vendor for processing and backup locations and its sub-processor list; record them.",
                regulation: "GDPR Art. 28(2) sub-processors; GDPR Art. 44-46 international transfers",
                vendorQuestion: "In which countries are our images processed and stored, including backups and sub-processors?"),
        ],

        // vendorSharing: none, deidentified, pseudonymized, identifiable, unknown
        [
            nil,
            Finding(
                code: "VS-DEIDENTIFIED", factor: .vendorSharing,
                explanation: "The vendor receives de-identified images, which can still be re-identified (faces, burned-in text).",
                recommendation: "Contractually ban re-identification and linkage; verify the de-identification method used.",
                regulation: "HIPAA 45 CFR 164.514(b) de-identification; GDPR Recital 26"),
            Finding(
                code: "VS-PSEUDONYMIZED", factor: .vendorSharing,
                explanation: "The vendor receives pseudonymised images: still personal health data under GDPR.",
                recommendation: "Keep the re-identification key in the hospital only and cover the flow with an Art. 28 contract.",
                regulation: "GDPR Art. 4(5) pseudonymisation and Recital 26; GDPR Art. 9 special categories"),
            Finding(
                code: "VS-IDENTIFIABLE", factor: .vendorSharing,
                explanation: "The vendor receives identifiable images with patient names, IDs or dates of birth.",
                recommendation: "Strip direct identifiers before images leave, or justify each one as minimum necessary.",
                regulation: "HIPAA 45 CFR 164.502(b) minimum necessary; GDPR Art. 9 special categories"),
            Finding(
                code: "VS-UNKNOWN", factor: .vendorSharing,
                explanation: "Nobody has confirmed what patient data the vendor receives with each image.",
                recommendation: "Obtain the vendor's data-flow description and check it against a DICOM capture of real traffic.",
                regulation: "HIPAA 45 CFR 164.502(b) minimum necessary; GDPR Art. 28 processor obligations",
                vendorQuestion: "Which DICOM header fields and pixel data from our studies does your service receive and keep?"),
        ],

        // encryptionAtRest: full_customer_keys, full, partial, none, unknown
        [
            nil,
            Finding(
                code: "EAR-FULL", factor: .encryptionAtRest,
                explanation: "Stored images are encrypted, but the vendor holds the keys and can decrypt them on its own.",
                recommendation: "Move to customer-managed keys (BYOK/HSM) so that the hospital can revoke access.",
                regulation: "HIPAA 45 CFR 164.312(a)(2)(iv) encryption and decryption; GDPR Art. 32(1)(a)"),
            Finding(
                code: "EAR-PARTIAL", factor: .encryptionAtRest,
                explanation: "Some stores (caches, backups, logs or exported images) hold images unencrypted.",
                recommendation: "Inventory every image store, including caches and backups, and encrypt the remainder.",
                regulation: "HIPAA 45 CFR 164.312(a)(2)(iv) encryption and decryption; GDPR Art. 32 security of processing"),
            Finding(
                code: "EAR-NONE", factor: .encryptionAtRest,
                explanation: "Stored images are unencrypted: a stolen disk or backup is a reportable breach.",
                recommendation: "Enable full-disk and database encryption with managed keys before further use.",
                regulation: "HIPAA 45 CFR 164.312(a)(2)(iv) encryption and decryption; 164.402 unsecured PHI"),
            Finding(
                code: "EAR-UNKNOWN", factor: .encryptionAtRest,
                explanation: "Nobody has confirmed whether stored images are encrypted or who holds the keys.",
                recommendation: "Ask the vendor for its encryption-at-rest design and key custody, and record the answer.",
                regulation: "HIPAA 45 CFR 164.312(a)(2)(iv) encryption and decryption; GDPR Art. 32 security of processing",
                vendorQuestion: "Are all stored copies of our images, including backups and caches, encrypted, and who holds the keys?"),
        ],

        // encryptionInTransit: mutual_tls, tls12_plus, legacy_tls, none, unknown
        [
            nil,
            Finding(
                code: "EIT-TLS12-PLUS", factor: .encryptionInTransit,
                explanation: "Images travel over TLS 1.2+, but the server does not check which device is sending them.",
                recommendation: "Enable mutual TLS (client certificates) for DICOM and API endpoints.",
                regulation: "HIPAA 45 CFR 164.312(d) person or entity authentication"),
            Finding(
                code: "EIT-LEGACY-TLS", factor: .encryptionInTransit,
                explanation: "Images travel over TLS below 1.2, which is deprecated and open to known downgrade attacks.",
                recommendation: "Disable SSL and TLS 1.0/1.1 on modalities, gateways and vendor endpoints; require TLS 1.2+.",
                regulation: "HIPAA 45 CFR 164.312(e)(1) transmission security; RFC 8996; NIST SP 800-52r2"),
            Finding(
                code: "EIT-NONE", factor: .encryptionInTransit,
                explanation: "Images travel unencrypted: anyone on the network path can read or alter them.",
                recommendation: "Stop off-site transfers until DICOM TLS or a VPN tunnel with TLS 1.2+ is in place.",
                regulation: "HIPAA 45 CFR 164.312(e)(2)(ii) encryption; GDPR Art. 32(1)(a)"),
            Finding(
                code: "EIT-UNKNOWN", factor: .encryptionInTransit,
                explanation: "Nobody has confirmed how images are protected between the scanner, PACS and the AI service.",
                recommendation: "Scan the endpoints for TLS versions and ask the vendor for its transport configuration.",
                regulation: "HIPAA 45 CFR 164.312(e)(1) transmission security",
                vendorQuestion: "Which protocols and minimum TLS version protect our images on every hop to and within your service?"),
        ],

        // retention: none, up_to_30_days, up_to_1_year, up_to_7_years, beyond_7_years, indefinite, unknown
        [
            nil,
            Finding(
                code: "RET-UP-TO-30-DAYS", factor: .retention,
                explanation: "The vendor keeps copies of images for up to 30 days, e.g. for troubleshooting.",
                recommendation: "Confirm that deletion after the period is automatic and covers logs and backups.",
                regulation: "GDPR Art. 5(1)(e) storage limitation"),
            Finding(
                code: "RET-UP-TO-1-YEAR", factor: .retention,
                explanation: "The vendor keeps copies of images for up to a year, longer than inference needs.",
                recommendation: "Negotiate deletion within 30 days of processing unless a documented purpose needs longer.",
                regulation: "GDPR Art. 5(1)(e) storage limitation"),
            Finding(
                code: "RET-UP-TO-7-YEARS", factor: .retention,
                explanation: "The vendor keeps copies of images for years, a second medical archive outside hospital control.",
                recommendation: "Justify the period in the contract or shorten it; require certified deletion at its end.",
                regulation: "GDPR Art. 5(1)(e) storage limitation; HIPAA 45 CFR 164.504(e)(2)(ii)(J) return or destroy"),
            Finding(
                code: "RET-BEYOND-7-YEARS", factor: .retention,
                explanation: "The vendor keeps copies of images beyond the usual medical-record horizon.",
                recommendation: "Shorten retention to the hospital's own schedule and require certified deletion.",
                regulation: "GDPR Art. 5(1)(e) storage limitation; HIPAA 45 CFR 164.504(e)(2)(ii)(J) return or destroy"),
            Finding(
                code: "RET-INDEFINITE", factor: .retention,
                explanation: "The vendor keeps copies of images with no end date, so every past patient stays exposed.",
                recommendation: "Set a retention limit in the contract and require return or destruction at termination.",
                regulation: "GDPR Art. 5(1)(e) storage limitation; HIPAA 45 CFR 164.504(e)(2)(ii)(J) return or destroy"),
            Finding(
                code: "RET-UNKNOWN", factor: .retention,
                explanation: "Nobody has confirmed how long the vendor keeps copies of images, logs or derived data.",
                recommendation: "Ask the vendor for its retention schedule and write the limit into the contract.",
                regulation: "GDPR Art. 5(1)(e) storage limitation",
                vendorQuestion: "How long do you keep our images, derived data and logs, including backups, and how is deletion verified?"),
        ],

        // unlearning: not_applicable, certified, partitioned_retrain, full_retrain, none, unknown
        [
            nil,
            Finding(
                code: "UL-CERTIFIED", factor: .unlearning,
                explanation: "The model can remove a patient's influence with certified unlearning; guarantees are bounded.",
                recommendation: "Keep the vendor's removal certificates and test one erasure request end to end each year.",
                regulation: "GDPR Art. 17 right to erasure"),
            Finding(
                code: "UL-PARTITIONED-RETRAIN", factor: .unlearning,
                explanation: "A patient's data is removed by retraining one data shard, which can take weeks.",
                recommendation: "Agree a maximum time to honour erasure requests and evidence that the shard was retrained.",
                regulation: "GDPR Art. 17 right to erasure; GDPR Art. 12(3) time limit"),
            Finding(
                code: "UL-FULL-RETRAIN", factor: .unlearning,
                explanation: "Removing a patient's data needs a full retrain, which rarely happens; the model keeps memorising it.",
                recommendation: "Require a retraining schedule that honours pending erasures, or exclude patients who object.",
                regulation: "GDPR Art. 17 right to erasure"),
            Finding(
                code: "UL-NONE", factor: .unlearning,
                explanation: "A patient's images cannot be removed from the model, which can memorise and leak them.",
                recommendation: "Stop contributing training data until the vendor offers a removal process.",
                regulation: "GDPR Art. 17 right to erasure; EU AI Act Art. 10 data governance"),
            Finding(
                code: "UL-UNKNOWN", factor: .unlearning,
                explanation: "Nobody has confirmed whether the model learns from our images or how a patient's data is removed.",
                recommendation: "Ask the vendor whether it trains on site data and how it honours erasure requests.",
                regulation: "GDPR Art. 17 right to erasure",
                vendorQuestion: "Does the model learn from our images, and how and how fast can you remove one patient's data from it?"),
        ],

        // outputExposure: label_only, scores, heatmaps, images, unknown
        [
            nil,
            Finding(
                code: "OE-SCORES", factor: .outputExposure,
                explanation: "Confidence scores let a repeated querier infer training data (membership inference).",
                recommendation: "Round or bin scores and rate-limit queries; log bulk access to the inference API.",
                regulation: "EU AI Act Art. 15(5) confidentiality attacks; GDPR Art. 32 security of processing"),
            Finding(
                code: "OE-HEATMAPS", factor: .outputExposure,
                explanation: "Saliency heatmaps leak more about training images than scores and ease model inversion.",
                recommendation: "Show heatmaps only in the viewer to authorised readers; do not export them via the API.",
                regulation: "EU AI Act Art. 15(5) confidentiality attacks; GDPR Art. 32 security of processing"),
            Finding(
                code: "OE-IMAGES", factor: .outputExposure,
                explanation: "Generated or reconstructed images can reproduce memorised patient scans.",
                recommendation: "Ask for memorisation testing of the generator and restrict output images to clinical users.",
                regulation: "EU AI Act Art. 15(5) confidentiality attacks; GDPR Art. 32 security of processing"),
            Finding(
                code: "OE-UNKNOWN", factor: .outputExposure,
                explanation: "Nobody has confirmed what the model returns (labels, scores, heatmaps or images) and to whom.",
                recommendation: "Review the API documentation and a sample output; record the richest output type.",
                regulation: "EU AI Act Art. 15(5) confidentiality attacks",
                vendorQuestion: "What exactly does your model return per study (labels, scores, heatmaps, images), and to which users?"),
        ],

        // imageIntegrity: provenance, signatures, checksums, none, unknown
        [
            nil,
            Finding(
                code: "II-SIGNATURES", factor: .imageIntegrity,
                explanation: "Images are signed, but without provenance a signed synthetic or edited image looks genuine.",
                recommendation: "Record provenance from modality to model (e.g. DICOM digital signatures with acquisition audit).",
                regulation: "HIPAA 45 CFR 164.312(c)(1) integrity; EU AI Act Art. 15(5)"),
            Finding(
                code: "II-CHECKSUMS", factor: .imageIntegrity,
                explanation: "Checksums catch corruption, but an attacker who alters an image can recompute them.",
                recommendation: "Sign images cryptographically at the modality or PACS and verify before inference.",
                regulation: "HIPAA 45 CFR 164.312(c)(2) mechanism to authenticate ePHI"),
            Finding(
                code: "II-NONE", factor: .imageIntegrity,
                explanation: "Nothing detects tampered or deepfake images, which can fool both radiologists and the model.",
                recommendation: "Add DICOM digital signatures or hashes verified before inference; alert on mismatch.",
                regulation: "HIPAA 45 CFR 164.312(c)(1) integrity; EU AI Act Art. 15(5)"),
            Finding(
                code: "II-UNKNOWN", factor: .imageIntegrity,
                explanation: "Nobody has confirmed whether the system can detect altered or injected images.",
                recommendation: "Ask the vendor how it verifies image integrity and test with an altered study.",
                regulation: "HIPAA 45 CFR 164.312(c)(1) integrity",
                vendorQuestion: "How does your system detect images that were altered or injected between the scanner and the model?"),
        ],

        // deidentification: not_applicable, full_with_defacing, header_and_pixels, header_only, none, unknown
        [
            nil,
            Finding(
                code: "DEID-FULL-WITH-DEFACING", factor: .deidentification,
                explanation: "Headers, pixels and faces are cleaned; rare findings or implants can still re-identify.",
                recommendation: "Spot-check a sample of outgoing studies each quarter and keep a no-re-identification clause.",
                regulation: "HIPAA 45 CFR 164.514(b) de-identification; DICOM PS3.15 Annex E"),
            Finding(
                code: "DEID-HEADER-AND-PIXELS", factor: .deidentification,
                explanation: "Faces can still be reconstructed from head CT/MR and matched with face recognition.",
                recommendation: "Add defacing for head CT/MR before images leave, or keep those series on premises.",
                regulation: "HIPAA 45 CFR 164.514(b) de-identification; DICOM PS3.15 Annex E"),
            Finding(
                code: "DEID-HEADER-ONLY", factor: .deidentification,
                explanation: "Burned-in PHI in pixels (names, dates on ultrasound, scanned forms) still leaves the hospital.",
                recommendation: "Add pixel scrubbing (OCR of burned-in text) and defacing to the outgoing pipeline.",
                regulation: "HIPAA 45 CFR 164.514(b) de-identification; DICOM PS3.15 Annex E"),
            Finding(
                code: "DEID-NONE", factor: .deidentification,
                explanation: "Images leave with all patient identifiers in headers and pixels.",
                recommendation: "Deploy a DICOM de-identification gateway (PS3.15 Annex E profile) before any transfer.",
                regulation: "HIPAA 45 CFR 164.514(b) de-identification; GDPR Art. 9 special categories"),
            Finding(
                code: "DEID-UNKNOWN", factor: .deidentification,
                explanation: "Nobody has confirmed what is stripped from images before they leave the hospital.",
                recommendation: "Inspect a sample of outgoing studies for header, burned-in and facial identifiers.",
                regulation: "HIPAA 45 CFR 164.514(b) de-identification",
                vendorQuestion: "Which de-identification profile do you apply, and does it cover burned-in text and faces in head CT/MR?"),
        ],

        // accessControl: rbac_mfa, rbac, individual_accounts, shared_accounts, unknown
        [
            nil,
            Finding(
                code: "AC-RBAC", factor: .accessControl,
                explanation: "Access is role-based but a stolen password alone opens the system and its images.",
                recommendation: "Require multi-factor authentication, at least for remote and administrative access.",
                regulation: "HIPAA 45 CFR 164.312(d) person or entity authentication"),
            Finding(
                code: "AC-INDIVIDUAL-ACCOUNTS", factor: .accessControl,
                explanation: "Users have their own accounts but every account sees every study.",
                recommendation: "Define roles so that each user sees only the studies their job needs; review yearly.",
                regulation: "HIPAA 45 CFR 164.308(a)(4) information access management; 164.502(b) minimum necessary"),
            Finding(
                code: "AC-SHARED-ACCOUNTS", factor: .accessControl,
                explanation: "Shared logins make it impossible to tell who viewed or changed a patient's images.",
                recommendation: "Replace shared logins with named accounts tied to the hospital directory, with MFA.",
                regulation: "HIPAA 45 CFR 164.312(a)(2)(i) unique user identification; 164.312(b) audit controls"),
            Finding(
                code: "AC-UNKNOWN", factor: .accessControl,
                explanation: "Nobody has confirmed who can log in to the system and the vendor's support console.",
                recommendation: "Review the account list, including vendor support accounts, and record the access model.",
                regulation: "HIPAA 45 CFR 164.312(a)(1) access control",
                vendorQuestion: "Who at your company can access our images, how are they authenticated, and is their access logged?"),
        ],

        // patientConsent: opt_in, opt_out, notice, none, unknown
        [
            nil,
            Finding(
                code: "PC-OPT-OUT", factor: .patientConsent,
                explanation: "Patients are included unless they object; silence is not explicit consent for secondary use.",
                recommendation: "Use opt-in consent for vendor training or research, or document another Art. 9(2) basis.",
                regulation: "GDPR Art. 9(2)(a) explicit consent; GDPR Art. 7 conditions for consent"),
            Finding(
                code: "PC-NOTICE", factor: .patientConsent,
                explanation: "Patients are only told about the AI processing; they cannot refuse it.",
                recommendation: "Document the legal basis for each use and offer a choice where vendor training is involved.",
                regulation: "GDPR Art. 13-14 information to data subjects; GDPR Art. 9(2) legal basis"),
            Finding(
                code: "PC-NONE", factor: .patientConsent,
                explanation: "Patients are neither told nor asked about AI processing of their images.",
                recommendation: "Add the system to the privacy notice and record the legal basis for each use.",
                regulation: "GDPR Art. 13-14 information to data subjects; HIPAA 45 CFR 164.508 authorizations"),
            Finding(
                code: "PC-UNKNOWN", factor: .patientConsent,
                explanation: "Nobody has confirmed what patients are told or asked about this system.",
                recommendation: "Check the privacy notice and consent forms with the data protection officer.",
                regulation: "GDPR Art. 7(1) demonstrating consent; GDPR Art. 13-14 information to data subjects",
                vendorQuestion: "Which uses of our images rely on patient consent, and what consent wording do you require from us?"),
        ],

        // breaches: none, one, two_to_four, five_or_more, unknown
        [
            nil,
            Finding(
                code: "BR-ONE", factor: .breaches,
                explanation: "The vendor or system had a security incident in the last three years.",
                recommendation: "Obtain the incident report and confirm that its root cause was fixed.",
                regulation: "HIPAA 45 CFR 164.308(a)(6) security incident procedures; GDPR Art. 33-34 breach notification"),
            Finding(
                code: "BR-TWO-TO-FOUR", factor: .breaches,
                explanation: "Repeated security incidents in three years suggest weak security practices.",
                recommendation: "Require an independent security audit (e.g. SOC 2 Type II) and a remediation plan.",
                regulation: "HIPAA 45 CFR 164.308(a)(6) security incident procedures; GDPR Art. 33-34 breach notification"),
            Finding(
                code: "BR-FIVE-OR-MORE", factor: .breaches,
                explanation: "Five or more security incidents in three years: patient images are likely exposed again.",
                recommendation: "Escalate to the risk committee; plan an exit unless an independent audit shows remediation.",
                regulation: "HIPAA 45 CFR 164.308(a)(6) security incident procedures; GDPR Art. 33-34 breach notification"),
            Finding(
                code: "BR-UNKNOWN", factor: .breaches,
                explanation: "Nobody has confirmed the vendor's security incident history.",
                recommendation: "Ask the vendor for its incident history and add a breach-notification deadline to the contract.",
                regulation: "HIPAA 45 CFR 164.410 notification by a business associate; GDPR Art. 33(2)",
                vendorQuestion: "How many security incidents affecting customer data have you had in the last three years, and what was fixed?"),
        ],
    ]

    /// Indexed by `VendorTrainingUse.rawValue`; nil for `.no`. Reported with vendor sharing when anything may be shared.
    static let trainingUseCatalogue: [Finding?] = [
        nil,
        Finding(
            code: "VT-YES", factor: .vendorSharing,
            explanation: "The vendor may train its models on our images, copying patients into a model it keeps.",
            recommendation: "Forbid training in the contract, or limit it to de-identified data with patient opt-in.",
            regulation: "GDPR Art. 5(1)(b) purpose limitation; GDPR Art. 28(3)(a); HIPAA 45 CFR 164.504(e)(2)"),
        Finding(
            code: "VT-UNKNOWN", factor: .vendorSharing,
            explanation: "Nobody has confirmed whether the vendor trains its models on our images.",
            recommendation: "Get a written answer from the vendor and state the permitted uses in the contract.",
            regulation: "GDPR Art. 5(1)(b) purpose limitation; GDPR Art. 28(3)(a); HIPAA 45 CFR 164.504(e)(2)",
            vendorQuestion: "Do you use our images or derived data to train or improve any model, yours or a third party's?"),
    ]
}
