import Foundation

/// NFIQ 2's frequency domain analysis (FDA): how cleanly one frequency dominates the gray
/// profile across the ridges of each block. Per block in the ridge area, the window is turned
/// so the ridges run along the rows, a 32-row × 16-column rectangle is cut from its centre,
/// and its row means (32 values) are transformed; the score is the strongest non-DC amplitude
/// with 0.3 of each neighbour's, over the sum of the lower half of the spectrum.
enum FrequencyDomainAnalysis: RotatedBlockMeasure {
    static let edges = [0.268, 0.304, 0.33, 0.355, 0.38, 0.407, 0.44, 0.50, 1]

    static let prefix = "FDA_Bin10_"

    static func values(_ window: RotatedBlocks.Window) -> [Double] { [score(window)] }

    static func score(_ window: RotatedBlocks.Window) -> Double {
        let side = RotatedBlocks.windowSide, centre = side / 2
        let along = RotatedBlocks.slantedLength / 2, across = RotatedBlocks.slantedWidth / 2
        // The extra quarter turn lays the ridges along the rows.
        let crop = RotatedBlock.crop(window, padded: true, angle: window.orientation + Double.pi / 2,
                                     rows: (centre - along)..<(centre + along),
                                     columns: (centre - across)..<(centre + across))
        var profile = [Double](repeating: 0, count: crop.height)
        for row in 0..<crop.height {
            var sum = 0.0
            for column in 0..<crop.width { sum += crop.values[row * crop.width + column] }
            profile[row] = sum / Double(crop.width)
        }
        return score(profile: profile)
    }

    /// The score of a profile; 1 when the strongest frequency is the lowest or the highest one
    /// (as NFIQ 2 answers there: no neighbour on one side).
    static func score(profile: [Double]) -> Double {
        let spectrum = DiscreteFourier.amplitudes(profile)
        guard spectrum.count > 2 else { return 1 }
        let amplitudes = Array(spectrum.dropFirst())
        // The first maximum, as OpenCV's minMaxLoc finds it.
        var peak = 0
        for index in amplitudes.indices where amplitudes[index] > amplitudes[peak] { peak = index }
        guard peak > 0, peak + 1 < amplitudes.count else { return 1 }
        let denominator = amplitudes[0..<(amplitudes.count / 2)].reduce(0, +)
        guard denominator > 0 else { return 1 }
        return (amplitudes[peak] + 0.3 * (amplitudes[peak - 1] + amplitudes[peak + 1])) / denominator
    }
}

/// The magnitudes of a short real signal's discrete Fourier transform. A radix-2 FFT for
/// power-of-two lengths (the profiles are 32 samples): its butterflies subtract equal values
/// exactly, so a flat or strictly periodic profile gets exact zeros where NFIQ 2's OpenCV FFT
/// does, and the strongest frequency is the same one. Other lengths use the direct sum.
enum DiscreteFourier {
    static func amplitudes(_ signal: [Double]) -> [Double] {
        let n = signal.count
        guard n > 0 else { return [] }
        var re = signal, im = [Double](repeating: 0, count: n)
        if n & (n - 1) == 0 {
            fft(&re, &im)
        } else {
            direct(&re, &im)
        }
        return (0..<n).map { (re[$0] * re[$0] + im[$0] * im[$0]).squareRoot() }
    }

    /// In-place iterative radix-2 transform (bit-reversed order first, then butterflies).
    private static func fft(_ re: inout [Double], _ im: inout [Double]) {
        let n = re.count
        var j = 0
        for i in 1..<max(n, 1) {
            var bit = n >> 1
            while j & bit != 0 {
                j ^= bit
                bit >>= 1
            }
            j |= bit
            if i < j {
                re.swapAt(i, j)
                im.swapAt(i, j)
            }
        }
        // One table of twiddles for the last stage; a stage of length L takes every (n/L)th.
        let twiddles = n == profileTwiddles.count * 2 ? profileTwiddles : Self.twiddles(n)
        var length = 2
        while length <= n {
            let spacing = n / length
            for k in 0..<(length / 2) {
                let (wr, wi) = twiddles[k * spacing]
                for start in stride(from: 0, to: n, by: length) {
                    let a = start + k, b = a + length / 2
                    let tr = re[b] * wr - im[b] * wi, ti = re[b] * wi + im[b] * wr
                    re[b] = re[a] - tr
                    im[b] = im[a] - ti
                    re[a] += tr
                    im[a] += ti
                }
            }
            length <<= 1
        }
    }

    /// e^(-2πik/n) for k < n/2.
    private static func twiddles(_ n: Int) -> [(Double, Double)] {
        (0..<(n / 2)).map { k in
            let angle = -2 * Double.pi * Double(k) / Double(n)
            return (cos(angle), sin(angle))
        }
    }

    /// The twiddles of the 32-sample profiles FDA transforms, worked out once.
    private static let profileTwiddles = twiddles(RotatedBlocks.slantedLength)

    private static func direct(_ re: inout [Double], _ im: inout [Double]) {
        let signal = re, n = re.count
        let step = -2 * Double.pi / Double(n)
        // Twiddles by k·t mod n: n cosines and sines instead of n² of them.
        let cosines = (0..<n).map { cos(step * Double($0)) }, sines = (0..<n).map { sin(step * Double($0)) }
        for k in 0..<n {
            var sumRe = 0.0, sumIm = 0.0, turn = 0
            for value in signal {
                sumRe += value * cosines[turn]
                sumIm += value * sines[turn]
                turn += k
                if turn >= n { turn -= n }
            }
            re[k] = sumRe
            im[k] = sumIm
        }
    }
}
