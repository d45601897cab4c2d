extension Duration {
    var milliseconds: Double { Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15 }
}

/// Several timings of one step, summarized the way the issues state targets: the median.
struct Measurement {
    let name: String
    let samples: [Double]
    let unit: String
    let target: String
    /// Each run's peak resident memory.
    var peakMemoryMiB: [Double] = []

    var median: Double { Self.median(samples) }

    static func median(_ samples: [Double]) -> Double {
        let sorted = samples.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    var line: String {
        var text = "\(name.padding(toLength: 52, withPad: " ", startingAt: 0)) median \(format(median)) \(unit)"
        text += "  (min \(format(samples.min() ?? 0)), max \(format(samples.max() ?? 0)), n=\(samples.count))"
        if !peakMemoryMiB.isEmpty {
            text += "  peak memory median \(format(Self.median(peakMemoryMiB))) MiB (max \(format(peakMemoryMiB.max() ?? 0)))"
        }
        return text + "  target: \(target)"
    }

    private func format(_ value: Double) -> String {
        let scaled = (value * 100).rounded() / 100
        return "\(scaled)"
    }
}
