// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "lakeflow-auth",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
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
        .testTarget(name: "AgeTests", dependencies: ["Age"]),
    ],
    swiftLanguageModes: [.v6]
)
