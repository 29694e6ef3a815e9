using System.Text.Json.Serialization;

namespace PhoneGroups.Load;

/// <summary>The figures of one path at one concurrency: the JSON line the tool prints.</summary>
public sealed record PathResult
{
    [JsonPropertyName("path")] public required string Path { get; init; }

    [JsonPropertyName("calls")] public required int Calls { get; init; }

    [JsonPropertyName("concurrency")] public required int Concurrency { get; init; }

    [JsonPropertyName("answered")] public required int Answered { get; init; }

    [JsonPropertyName("failed")] public required int Failed { get; init; }

    [JsonPropertyName("callsPerSecond")] public required double CallsPerSecond { get; init; }

    [JsonPropertyName("pddP50Ms")] public required double PddP50Ms { get; init; }

    [JsonPropertyName("pddP99Ms")] public required double PddP99Ms { get; init; }

    /// <summary>The most calls that were bridged at the same time.</summary>
    [JsonPropertyName("peakBridged")] public int PeakBridged { get; init; }

    /// <summary>Channels and bridges still in Asterisk 10 s after the last call ended.</summary>
    [JsonPropertyName("leftovers")] public int Leftovers { get; init; }

    /// <summary>Against the dialplan baseline of the same run and concurrency (controller line only).</summary>
    [JsonPropertyName("pddP50Ratio")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? PddP50Ratio { get; init; }

    [JsonPropertyName("pddP99Ratio")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? PddP99Ratio { get; init; }

    [JsonPropertyName("callRateRatio")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? CallRateRatio { get; init; }

    /// <summary>The first few reasons calls failed, for the operator.</summary>
    [JsonPropertyName("failures")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<string>? Failures { get; init; }

    public static PathResult From(string path, int concurrency, IReadOnlyList<CallOutcome> outcomes, TimeSpan elapsed)
    {
        var delays = outcomes.Where(o => o.Bridged).Select(o => o.PostDialDelayMs).Order().ToArray();
        var failures = outcomes.Where(o => !o.Bridged).Select(o => o.Failure ?? "?").Distinct().Take(5).ToArray();
        return new PathResult
        {
            Path = path,
            Calls = outcomes.Count,
            Concurrency = concurrency,
            Answered = delays.Length,
            Failed = outcomes.Count - delays.Length,
            CallsPerSecond = Math.Round(outcomes.Count / elapsed.TotalSeconds, 1),
            PddP50Ms = Math.Round(Percentile(delays, 0.50), 2),
            PddP99Ms = Math.Round(Percentile(delays, 0.99), 2),
            Failures = failures.Length > 0 ? failures : null,
        };
    }

    public PathResult AgainstBaseline(PathResult baseline) => this with
    {
        PddP50Ratio = Ratio(PddP50Ms, baseline.PddP50Ms),
        PddP99Ratio = Ratio(PddP99Ms, baseline.PddP99Ms),
        CallRateRatio = Ratio(CallsPerSecond, baseline.CallsPerSecond),
    };

    private static double Ratio(double a, double b) => b > 0 ? Math.Round(a / b, 2) : 0;

    // Nearest rank: the smallest value with at least p of the values at or below it.
    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
