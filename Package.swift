// swift-tools-version:6.1
import PackageDescription

let package = Package(
    // Linux only (Debian): the HTTP client loads libcurl by its Linux library names. No `platforms`
    // entry, since SwiftPM has none for Linux.
    name: "lakeflow-auth",
    products: [
        .executable(name: "lakeflow-auth", targets: ["lakeflow-auth"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // The age v1 file format, composed from swift-crypto primitives. Knows nothing of connectors.
        .target(
            name: "Age",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // Spec model, YAML load and render, form validation, probe, credential store.
        .target(
            name: "LakeflowAuthCore",
            dependencies: [
                "Age",
                "LoopbackHTTP",
                .product(name: "Crypto", package: "swift-crypto"),
                // RSA signatures for the JWT assertions some checks sign.
                .product(name: "CryptoExtras", package: "swift-crypto"),
                "CLibYAML",
                "PosixThreads",
            ]
        ),
        // libyaml's parser (MIT, its License beside it), compiled in so that the binary needs no
        // libyaml on the machine; only the event API is used, so its emitter is left out.
        .target(
            name: "CLibYAML",
            exclude: ["License"],
            cSettings: [.define("YAML_DECLARE_STATIC")]
        ),
        // Threads and a condition variable over pthreads, where Foundation's `Thread` and `NSCondition`
        // would bring ICU with them.
        .target(name: "PosixThreads"),
        // The one HTTP/1.1 server layer (the browser form, the sandbox, the OAuth callback). FlyingSocks
        // rather than FlyingFox's HTTPServer: the latter reads request lines and headers without a size limit.
        .target(
            name: "LoopbackHTTP",
            dependencies: ["PosixThreads", .product(name: "FlyingSocks", package: "FlyingFox")]
        ),
        // A loopback Acme API for tests and `lakeflow-auth demo`.
        .target(name: "AcmeSandbox", dependencies: ["LoopbackHTTP"]),
        // The wide-character curses library. Only ncursesw itself: its formw and menuw draw and edit
        // cell by byte, not by wide character, so the full-screen form has widgets of its own.
        .systemLibrary(
            name: "CNCurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // Terminal front ends: the full-screen curses form and the line-by-line form.
        .target(
            name: "LakeflowAuthTerminal",
            dependencies: ["LakeflowAuthCore", "CNCurses"]
        ),
        // The browser form. Its templates are compiled into the binary (`embedInCode`), so a copied
        // binary works alone.
        .target(
            name: "LakeflowAuthBrowser",
            dependencies: ["LakeflowAuthCore", "LoopbackHTTP"],
            resources: [
                .embedInCode("Templates/alert-item.html"),
                .embedInCode("Templates/alert.html"),
                .embedInCode("Templates/authorize.html"),
                .embedInCode("Templates/button.html"),
                .embedInCode("Templates/checking.html"),
                .embedInCode("Templates/choice.html"),
                .embedInCode("Templates/editing-note.html"),
                .embedInCode("Templates/field-checkbox.html"),
                .embedInCode("Templates/field-error.html"),
                .embedInCode("Templates/field-link.html"),
                .embedInCode("Templates/field-secret.html"),
                .embedInCode("Templates/field-select.html"),
                .embedInCode("Templates/field-text.html"),
                .embedInCode("Templates/field-textarea.html"),
                .embedInCode("Templates/form.html"),
                .embedInCode("Templates/identity-notice.html"),
                .embedInCode("Templates/method-switch.html"),
                .embedInCode("Templates/page.html"),
                .embedInCode("Templates/passphrase.html"),
                .embedInCode("Templates/passphrase-error.html"),
                .embedInCode("Templates/result.html"),
                .embedInCode("Templates/reveal-button.html"),
                .embedInCode("Templates/section.html"),
                .embedInCode("Templates/stop-button.html"),
                .embedInCode("Templates/switch-button.html"),
            ]
        ),
        .executableTarget(
            name: "lakeflow-auth",
            dependencies: [
                "LakeflowAuthCore",
                "LakeflowAuthTerminal",
                "LakeflowAuthBrowser",
                "AcmeSandbox",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `benchmarks/run`: the issues' speed targets, measured.
        .executableTarget(
            name: "lakeflow-auth-benchmarks",
            dependencies: ["Age", "AcmeSandbox", "FakeOAuthProvider", "PseudoTerminal", "RawHTTP"],
            path: "benchmarks/Runner"
        ),
        // Runs a program on a pseudo-terminal of its own, for the end-to-end tests and the benchmarks.
        .target(name: "PseudoTerminal", path: "Tests/PseudoTerminal"),
        // A real OAuth 2.0 provider on 127.0.0.1, for the tests of the OAuth flows.
        .target(
            name: "FakeOAuthProvider",
            dependencies: ["LakeflowAuthCore", "LoopbackHTTP", .product(name: "Crypto", package: "swift-crypto")],
            path: "Tests/FakeOAuthProvider"
        ),
        // Overflows a stack while holding the terminal, for the end-to-end test of the crash handler's
        // alternate stack; a test support program, not a product.
        .executableTarget(name: "stack-overflow-while-holding", dependencies: ["LakeflowAuthTerminal"],
                          path: "Tests/StackOverflowWhileHolding"),
        // Sends hand-made HTTP requests over a raw socket, for the tests of the loopback servers.
        .target(name: "RawHTTP", path: "Tests/RawHTTP"),
        // The material beside the package in ../shared (real connector specs, age test vectors), or the
        // skip of the tests that need it where it is absent.
        .target(name: "SharedCorpus", path: "Tests/SharedCorpus"),
        // zlib inflates the compressed upstream test vectors; only the tests link it.
        .systemLibrary(
            name: "CZlib",
            path: "Tests/CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .testTarget(
            name: "AgeTests",
            dependencies: ["Age", "CZlib", "SharedCorpus", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(name: "AcmeSandboxTests", dependencies: ["AcmeSandbox"]),
        .testTarget(name: "LoopbackHTTPTests", dependencies: ["LoopbackHTTP", "RawHTTP"]),
        .testTarget(name: "LakeflowAuthBrowserTests", dependencies: ["LakeflowAuthBrowser", "LakeflowAuthCore", "LoopbackHTTP", "AcmeSandbox", "RawHTTP", "SharedCorpus"]),
        .testTarget(name: "LakeflowAuthCoreTests", dependencies: [
            "LakeflowAuthCore", "AcmeSandbox", "FakeOAuthProvider", "LoopbackHTTP", "SharedCorpus",
            .product(name: "Crypto", package: "swift-crypto"), .product(name: "CryptoExtras", package: "swift-crypto"),
        ]),
        // The terminal front ends' parts without a terminal: editing, layout, cell widths, key bindings
        // and bursts, and the line form's answers through a scripted console.
        .testTarget(name: "LakeflowAuthTerminalTests", dependencies: ["LakeflowAuthTerminal", "LakeflowAuthCore"]),
        // The command line as the executable reads it, without running it.
        .testTarget(name: "CommandParsingTests", dependencies: ["lakeflow-auth", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // Runs the built binary; depending on it makes `swift build --build-tests` build it first.
        .testTarget(name: "EndToEndTests", dependencies: ["AcmeSandbox", "FakeOAuthProvider", "LakeflowAuthCore", "LoopbackHTTP", "PseudoTerminal", "RawHTTP", "SharedCorpus", "lakeflow-auth", "stack-overflow-while-holding"]),
    ],
    swiftLanguageModes: [.v6]
)
