import FoundationEssentials
import Synchronization
import LakeflowAuthCore
import LoopbackHTTP

/// The setup form served to a browser on 127.0.0.1: for a person whose tool (a coding agent, an
/// editor task) has no terminal. It prints a one-time link, waits for the form to be filled, and ends
/// when the credentials are saved, the person cancels, or nobody visits for the idle timeout.
public enum BrowserForm {
    /// Starts the setup where the last one left off (`plan`'s session); when reading the stored
    /// credentials needs the identity's passphrase, the page asks for it first. The OAuth step's link
    /// is drawn on the page, not opened elsewhere.
    /// - Parameters:
    ///   - announce: Given the link (with its one-time token) as soon as the server listens; it must
    ///     reach the person, and no log.
    /// - Throws: `SetupCancelled` when the person leaves, `BrowserFormError` when nobody visits or the
    ///   port cannot be had, what stopped the session.
    public static func run(plan: SetupPlan, options: BrowserFormOptions, announce: @Sendable (URL) -> Void) async throws -> SavedSetup {
        var plan = plan
        plan.opensLinks = false
        let session = await plan.session()
        // Errors that need no person (an unreadable store) come before the link.
        if case let .failed(error) = await session.state { throw error }
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
        let controller = BrowserFormController(session: session, access: access)
        controllerBox.controller = controller
        await session.returnAfterAuthorization(to: URL(string: base.absoluteString + BrowserFormController.authorizedPath)!)
        let link = URL(string: "\(base.absoluteString)/?token=\(keys.urlToken)")!
        announce(link)
        let opened = options.opensBrowser ? BrowserOpener.open(link, environment: plan.environment) : nil

        let ended = await withTaskGroup(of: SetupSnapshot?.self) { group in
            group.addTask { await session.first { $0.state.isFinished } }
            group.addTask { await idleWatch(controller, timeout: options.idleTimeout) }
            defer { group.cancelAll() }
            return await group.next() ?? nil
        }
        // Nothing may wait for the person any more.
        let last = await session.cancel()
        // The person may be on their way back from the provider when the setup ends: the page that
        // shows its end is awaited a little, then given time to reach the browser before the socket closes.
        if ended != nil { await endShown(controller, within: .seconds(5)) }
        try? await Task.sleep(for: .milliseconds(200))
        await server.stop()
        opened?.remove()
        guard ended != nil else { throw BrowserFormError.idle(after: options.idleTimeout) }
        switch last.state {
        case let .saved(saved): return saved
        case let .cancelled(reason): throw reason
        case let .failed(error): throw error
        case .editing, .needsPassphrase, .checking, .authorizing, .checkFailed: throw SetupCancelled.byPerson
        }
    }

    private static func endShown(_ controller: BrowserFormController, within timeout: Duration) async {
        let deadline = ContinuousClock.now + timeout
        while !(await controller.endShown), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Returns nil once nobody has visited for `timeout`.
    private static func idleWatch(_ controller: BrowserFormController, timeout: Duration) async -> SetupSnapshot? {
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
    private let stored = Mutex<(controller: BrowserFormController?, access: RequestGuard?)>((nil, nil))

    var controller: BrowserFormController? {
        get { stored.withLock { $0.controller } }
        set { stored.withLock { $0.controller = newValue } }
    }

    var access: RequestGuard? {
        get { stored.withLock { $0.access } }
        set { stored.withLock { $0.access = newValue } }
    }
}
