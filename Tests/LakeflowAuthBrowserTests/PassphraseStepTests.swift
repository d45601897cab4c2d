import Foundation
import LakeflowAuthBrowser
import LakeflowAuthCore
import LoopbackHTTP
import Testing

/// Nested in `HostileRequestTests` so that it runs serialized with it: each test blocks a thread of the
/// shared pool on a raw socket, and two suites doing so at once leave the servers none to answer with.
extension HostileRequestTests {
    /// A passphrase-protected identity with no `LAKEFLOW_AUTH_PASSPHRASE`: the page asks for it after the
    /// form is submitted and before anything is checked, asks again after a wrong one, and keeps the form.
    @Suite struct PassphraseStepTests {
        static let passphrase = "right horse 42"

        static func withProtectedForm(_ body: (RunningForm, RunningForm.Session) async throws -> Void) async throws {
            let form = try await RunningForm.start(identityPassphrase: passphrase)
            do {
                let session = try form.logIn()
                try await body(form, session)
            } catch {
                await form.stop()
                throw error
            }
            await form.stop()
        }

        /// Submits the valid form; the post is answered once the page has something to ask.
        static func submit(_ form: RunningForm, _ session: RunningForm.Session) throws -> String {
            let submitted = try form.post(session, [("action", "submit")] + HostileRequestTests.validPost)
            #expect(submitted.status == 303)
            return try form.page(session)
        }

        @Test func aWrongPassphraseIsSaidAtTheFieldAndTheRightOneSaves() async throws {
            try await Self.withProtectedForm { form, session in
                let asked = try Self.submit(form, session)
                #expect(asked.contains(#"<input type="password" id="passphrase" name="passphrase" value="" autocomplete="off""#))
                #expect(asked.contains(#"<label for="passphrase">Passphrase for "#))
                #expect(asked.contains("/home/identity.txt"))
                #expect(!asked.contains(#"id="workspace""#), "the form waits while the passphrase is asked")
                #expect(!asked.contains("attempt"))

                let wrong = try form.post(session, [("action", "unlock"), ("passphrase", "wrong horse 13")])
                #expect(wrong.status == 303)
                #expect(wrong.header("location") == "/")
                let again = try form.page(session)
                #expect(again.contains("try again (attempt 2 of 3)"))
                #expect(again.contains(#"aria-invalid="true""#))
                #expect(!again.contains("wrong horse 13"), "what was typed is never echoed")
                #expect(form.stored(passphrase: Self.passphrase) == nil)

                let right = try form.post(session, [("action", "unlock"), ("passphrase", Self.passphrase)])
                #expect(right.status == 200)
                #expect(right.body.contains("Connected as Demo Analyst"))
                #expect(!right.body.contains(Self.passphrase))
                let saved = try await form.run.value
                #expect(saved.path.hasPrefix(form.home))
                let stored = try #require(form.stored(passphrase: Self.passphrase))
                #expect(stored.options.first { $0.0 == "api_key" }?.1.plainText == "acme-demo-key-0001", "the form's values were kept")
            }
        }

        @Test func anEmptyAnswerIsNoAttempt() async throws {
            try await Self.withProtectedForm { form, session in
                _ = try Self.submit(form, session)
                #expect(try form.post(session, [("action", "unlock"), ("passphrase", "")]).status == 303)
                let page = try form.page(session)
                #expect(page.contains(#"name="passphrase""#))
                #expect(!page.contains("attempt 2"))
            }
        }

        @Test(arguments: [
            ("no cookie", false, true, "http://ORIGIN"),
            ("no csrf token", true, false, "http://ORIGIN"),
            ("foreign origin", true, true, "http://evil.example"),
        ])
        func aPassphrasePostMissingAProofIsRefused(label: String, withCookie: Bool, withCSRF: Bool, origin: String) async throws {
            try await Self.withProtectedForm { form, session in
                _ = try Self.submit(form, session)
                var headers = [("Host", form.host), ("Content-Type", "application/x-www-form-urlencoded"),
                               ("Origin", origin.replacingOccurrences(of: "http://ORIGIN", with: form.origin))]
                if withCookie { headers.append(("Cookie", session.cookie)) }
                let csrf = withCSRF ? session.csrfToken : String(repeating: "a", count: session.csrfToken.count)
                let body = FormURLEncoded.encode([("csrf_token", csrf), ("action", "unlock"), ("passphrase", Self.passphrase)])
                let response = try form.send("POST", headers: headers, body: body)
                #expect(response.status == 403, "\(label)")
                #expect(!response.body.contains(Self.passphrase))
                let page = try form.page(session)
                #expect(page.contains(#"name="passphrase""#), "still asked")
                #expect(!page.contains("attempt 2"), "\(label): no attempt was used")
                #expect(form.stored(passphrase: Self.passphrase) == nil)
            }
        }

        @Test func aSubmitWhileThePassphraseIsAskedChangesNothing() async throws {
            try await Self.withProtectedForm { form, session in
                _ = try Self.submit(form, session)
                let stale = try form.post(session, [("action", "submit"), ("workspace", "other-workspace")])
                #expect(stale.status == 303)
                #expect(try form.page(session).contains(#"name="passphrase""#))
                _ = try form.post(session, [("action", "unlock"), ("passphrase", Self.passphrase)])
                #expect(form.stored(passphrase: Self.passphrase)?.options.first { $0.0 == "workspace" }?.1.plainText == "demo-workspace")
            }
        }

        @Test func threeWrongPassphrasesEndTheFormWithAStoreError() async throws {
            try await Self.withProtectedForm { form, session in
                _ = try Self.submit(form, session)
                _ = try form.post(session, [("action", "unlock"), ("passphrase", "wrong 1")])
                _ = try form.post(session, [("action", "unlock"), ("passphrase", "wrong 2")])
                let last = try form.post(session, [("action", "unlock"), ("passphrase", "wrong 3")])
                #expect(last.status == 500)
                #expect(last.body.contains("passphrase"))
                #expect(!last.body.contains("wrong 3"))
                await #expect(throws: StoreError.self) { try await form.run.value }
                #expect(StoreError.wrongPassphrase(path: "").exitStatus == .storeFailure)
                #expect(form.stored(passphrase: Self.passphrase) == nil)
            }
        }

        @Test func cancelWhileAskedSavesNothing() async throws {
            try await Self.withProtectedForm { form, session in
                _ = try Self.submit(form, session)
                let cancelled = try form.post(session, [("action", "cancel")])
                #expect(cancelled.body.contains("Cancelled"))
                await #expect(throws: SetupCancelled.byPerson) { try await form.run.value }
                #expect(form.stored(passphrase: Self.passphrase) == nil)
            }
        }
    }
}
