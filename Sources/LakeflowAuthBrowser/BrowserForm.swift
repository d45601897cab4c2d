import Foundation
import LakeflowAuthCore
import LoopbackHTTP

/// The setup form served to a browser on 127.0.0.1: for a person whose tool (a coding agent, an
/// editor task) has no terminal. It prints a one-time link, waits for the form to be filled, and ends
/// when the credentials are saved, the person cancels, or nobody visits for the idle timeout.
public enum BrowserForm {
    /// Starts where the last setup left off (`SetupSession.prefill` with the options' environment and
    /// auth method); when reading the stored credentials needs the identity's passphrase, the page asks
    /// for it first.
    /// - Parameters:
    ///   - prompts: the same the session was given as its passphrase prompt and OAuth presenter.
    ///   - announce: Given the link (with its one-time token) as soon as the server listens; it must
    ///     reach the person, and no log.
    /// - Throws: `BrowserFormError` when it ends without saving; the session's own errors.
    public static func run(session: SetupSession, prompts: BrowserPrompts, options: BrowserFormOptions,
                           announce: @Sendable (URL) -> Void) async throws -> SavedSetup {
        let opening = Task { try await session.prefill(environment: options.environment, authMethod: options.authMethod) }
        // Errors that need no person (an unreadable store) come before the link, as without a passphrase.
        let openingWaits: Bool
        switch await prompts.settle(opening) {
        case let .failure(error)?: throw error
        case .success?: openingWaits = false
        case nil: openingWaits = true
        }
        let (outcomes, finished) = AsyncStream<BrowserFormController.Outcome>.makeStream()
        let keys = AccessKeys()
        let controllerBox = ControllerBox()
        // Places held back for the person's own session, which any local user's sockets cannot take.
        let server = LoopbackServer(limits: LoopbackLimits(reservedConnections: 8),
                                    priority: { controllerBox.access?.hasSessionCookie($0) ?? false }) { request in
            guard let controller = controllerBox.controller else { return .respond(.text(503, "starting")) }
            return .respond(await controller.handle(request))
        }
        let base: URL
        do {
            base = try await server.start(port: options.port)
        } catch LoopbackServerError.cannotListen {
            throw BrowserFormError.cannotListen(port: options.port)
        }
        let access = RequestGuard(port: base.port ?? 0, keys: keys)
        controllerBox.access = access
        let controller = BrowserFormController(session: session, prompts: prompts, access: access,
                                               finished: finished, opening: openingWaits ? opening : nil)
        controllerBox.controller = controller
        await session.returnAfterAuthorization(to: URL(string: base.absoluteString + BrowserFormController.authorizedPath)!)
        let link = URL(string: "\(base.absoluteString)/?token=\(keys.urlToken)")!
        announce(link)
        let opened = options.opensBrowser ? BrowserOpener.open(link, environment: options.environment) : nil

        let outcome = await withTaskGroup(of: BrowserFormController.Outcome?.self) { group in
            group.addTask {
                for await outcome in outcomes { return outcome }
                return nil
            }
            group.addTask { await idleWatch(controller, timeout: options.idleTimeout) }
            defer { group.cancelAll() }
            return await group.next() ?? nil
        }
        // Nothing may wait for the person any more.
        _ = await session.cancel()
        prompts.answerPassphrase(nil)
        // The person may be on their way back from the provider when the setup ends: the page that
        // shows its end is awaited a little, then given time to reach the browser before the socket closes.
        if outcome != nil { await endShown(controller, within: .seconds(5)) }
        try? await Task.sleep(for: .milliseconds(200))
        await server.stop()
        opened?.remove()
        switch outcome {
        case let .saved(saved): return saved
        case .cancelled: throw BrowserFormError.cancelled
        case let .failed(error): throw error
        case nil: throw BrowserFormError.idle(after: options.idleTimeout)
        }
    }

    private static func endShown(_ controller: BrowserFormController, within timeout: Duration) async {
        let deadline = ContinuousClock.now + timeout
        while !(await controller.endShown), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Returns nil once nobody has visited for `timeout`.
    private static func idleWatch(_ controller: BrowserFormController, timeout: Duration) async -> BrowserFormController.Outcome? {
        while !Task.isCancelled {
            let deadline = await controller.lastVisit + timeout
            if ContinuousClock.now >= deadline { return nil }
            try? await Task.sleep(until: deadline, clock: .continuous)
        }
        return nil
    }
}

/// The controller and its access rules, set once the port (which its checks need) is known; requests
/// before that wait.
private final class ControllerBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: BrowserFormController?
    private var storedAccess: RequestGuard?

    var controller: BrowserFormController? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }

    var access: RequestGuard? {
        get { lock.withLock { storedAccess } }
        set { lock.withLock { storedAccess = newValue } }
    }
}
