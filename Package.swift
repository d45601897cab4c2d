// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "lakeflow-auth",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // A loopback Acme API for tests and `lakeflow-auth demo`.
        .target(
            name: "AcmeSandbox",
            dependencies: [.product(name: "FlyingSocks", package: "FlyingFox")]
        ),
        .testTarget(name: "AcmeSandboxTests", dependencies: ["AcmeSandbox"]),
    ],
    swiftLanguageModes: [.v6]
)
