import FakeOAuthProvider
import Foundation
import LakeflowAuthCore
import Synchronization

/// The project's own OAuth fixture specs (`Tests/Fixtures`) and a provider to run them against.
enum OAuthFixtures {
    static let codeFlowSpecPath = PackagePaths.root.appendingPathComponent("Tests/Fixtures/oauth_demo/options.yaml").path
    static let clientCredentialsSpecPath = PackagePaths.root.appendingPathComponent("Tests/Fixtures/oauth_service/options.yaml").path
    /// zoho_crm's shape: a block without `flow`, and a required `refresh_token` the sign-in fills.
    static let signInSpecPath = PackagePaths.root.appendingPathComponent("Tests/Fixtures/oauth_signin/options.yaml").path

    static func codeFlowSpec() throws -> ConnectorSpec { try SpecLoader.load(path: codeFlowSpecPath) }
    static func clientCredentialsSpec() throws -> ConnectorSpec { try SpecLoader.load(path: clientCredentialsSpecPath) }
    static func signInSpec() throws -> ConnectorSpec { try SpecLoader.load(path: signInSpecPath) }

    /// Runs `body` against a started provider, and stops it whatever happens.
    static func withProvider(_ behaviour: FakeOAuthProvider.Behaviour = .init(),
                             _ body: (FakeOAuthProvider, URL) async throws -> Void) async throws {
        let provider = FakeOAuthProvider(behaviour)
        let url = try await provider.start()
        do {
            try await body(provider, url)
        } catch {
            await provider.stop()
            throw error
        }
        await provider.stop()
    }
}

/// Remembers the authorization URLs a presenter was shown, and follows each like a browser.
final class FollowingPresenter: Sendable {
    private let shown = Mutex<[URL]>([])
    private let pages = Mutex<[(status: Int, text: String)]>([])
    let follows: Bool

    init(follows: Bool = true) { self.follows = follows }

    var urls: [URL] { shown.withLock { $0 } }
    var callbackPages: [(status: Int, text: String)] { pages.withLock { $0 } }

    var presenter: OAuthAuthorization.Presenter {
        { url in
            self.shown.withLock { $0.append(url) }
            guard self.follows else { return }
            // Like a browser: in its own time, while the flow waits for the callback.
            Task {
                if let page = await FakeOAuthProvider.browse(url) { self.pages.withLock { $0.append(page) } }
            }
        }
    }
}
