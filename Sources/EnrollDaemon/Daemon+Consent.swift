import ControlAPI
import EventLog
import Logging

extension Daemon {
    /// The configured version's consent texts in every language the kiosk page offers;
    /// nil (the daemon must not start) when one is missing or unusable, journalled once
    /// with its catalog entry. Without a kiosk page no language is offered and none is
    /// needed.
    static func loadConsentTexts(_ configuration: DaemonConfiguration, kiosk: Result<KioskAssets, KioskAssetsError>?,
                                 logger: Logger) -> [ConsentTextView]? {
        do throws(ConsentTextError) {
            let texts = try consentTexts(configuration, languages: (try? kiosk?.get())?.languages ?? [])
            // Which words a version meant on this kiosk, for anyone who must prove it later.
            if !texts.isEmpty {
                let digests = texts.map { "\($0.language) sha256 \($0.sha256)" }.joined(separator: ", ")
                logger.info("Consent text version \(configuration.session.consentVersion): \(digests)")
            }
            return texts
        } catch {
            logger.log(.consentTextMissing, "enrolld cannot start: \(error)", metadata: [
                LogKey.path: "\(error.path)", LogKey.error: "\(error)",
            ])
            return nil
        }
    }

    /// For `enrolld --check-config`: why the daemon would refuse to start on this
    /// configuration's consent texts, or nil.
    public static func consentProblem(_ configuration: DaemonConfiguration) -> String? {
        let kiosk = configuration.api.httpEnabled ? try? KioskAssets.load(directory: configuration.api.kioskDirectory) : nil
        do throws(ConsentTextError) {
            _ = try consentTexts(configuration, languages: kiosk?.languages ?? [])
            return nil
        } catch {
            return error.description
        }
    }

    static func consentTexts(_ configuration: DaemonConfiguration, languages: [String]) throws(ConsentTextError) -> [ConsentTextView] {
        let session = configuration.session
        return try ConsentLibrary.load(
            version: session.consentVersion, languages: languages, fingers: !session.fingers.isEmpty, face: session.face,
            folders: [session.localConsentDirectory, session.consentDirectory])
    }
}
