import Foundation

/// Identifiers derived from human text: NFKC-normalised, lower-cased, spaces to `-`.
/// `１．１ xSIRTごとの特徴` becomes `1.1-xsirtごとの特徴`, the same in every language file.
public enum Slug {
    public static func make(_ text: String) -> String {
        let normalised = nfkc(text).lowercased()
        var result = ""
        var pendingDash = false
        for scalar in normalised.unicodeScalars {
            if scalar.properties.isWhitespace || scalar == "-" {
                pendingDash = !result.isEmpty
                continue
            }
            let keep = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                || scalar == "." || scalar == "_" || scalar.properties.generalCategory == .nonspacingMark
            guard keep else { continue }
            if pendingDash { result.append("-") }
            pendingDash = false
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    /// NFKC form of an explicit id (`{#１．１}` → `1.1`) so that full-width digits in
    /// headings and links name the same section.
    public static func normaliseExplicit(_ id: String) -> String {
        nfkc(id)
    }

    /// NFKC leaves ASCII as it is; Foundation's normalisation of an ASCII id (every
    /// comment's target) still cost a tenth of reading its front matter.
    private static func nfkc(_ text: String) -> String {
        text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCompatibilityMapping
    }

    /// Whether an explicit id can be used as an HTML id and a URL fragment as it is.
    public static func isValidExplicitID(_ id: String) -> Bool {
        !id.isEmpty && !id.unicodeScalars.contains {
            $0.properties.isWhitespace || "\"'<>&`#%/\\?".unicodeScalars.contains($0) || $0.value < 0x20
        }
    }
}
