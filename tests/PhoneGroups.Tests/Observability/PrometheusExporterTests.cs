using System.Diagnostics.Metrics;
using PhoneGroups.Observability;

namespace PhoneGroups.Tests.Observability;

public sealed class PrometheusExporterTests : IDisposable
{
    private readonly string _meterName = "test." + Guid.NewGuid().ToString("N");
    private readonly Meter _meter;
    private readonly PrometheusExporter _exporter;

    public PrometheusExporterTests()
    {
        _meter = new Meter(_meterName);
        _exporter = new PrometheusExporter(_meterName);
    }

    [Fact]
    public void Counter_IsSummedPerLabelSet_WithTotalSuffix()
    {
        var counter = _meter.CreateCounter<long>("pg.calls.decided", description: "Calls decided");
        counter.Add(1, new KeyValuePair<string, object?>("decision", "deny"), new KeyValuePair<string, object?>("reason", "isolated"));
        counter.Add(2, new KeyValuePair<string, object?>("reason", "isolated"), new KeyValuePair<string, object?>("decision", "deny"));
        counter.Add(1, new KeyValuePair<string, object?>("decision", "bridge"), new KeyValuePair<string, object?>("reason", "same-group"));

        var lines = _exporter.Render().Split('\n');

        Assert.Contains("# HELP pg_calls_decided_total Calls decided", lines);
        Assert.Contains("# TYPE pg_calls_decided_total counter", lines);
        Assert.Contains("pg_calls_decided_total{decision=\"deny\",reason=\"isolated\"} 3", lines);
        Assert.Contains("pg_calls_decided_total{decision=\"bridge\",reason=\"same-group\"} 1", lines);
    }

    [Fact]
    public void Histogram_HasCumulativeBuckets_SumAndCount_InSeconds()
    {
        var histogram = _meter.CreateHistogram<double>("pg.decision.duration", "s");
        histogram.Record(0.000002);
        histogram.Record(0.003);
        histogram.Record(30);

        var lines = _exporter.Render().Split('\n');

        Assert.Contains("# TYPE pg_decision_duration_seconds histogram", lines);
        Assert.Contains("pg_decision_duration_seconds_bucket{le=\"1E-05\"} 1", lines);
        Assert.Contains("pg_decision_duration_seconds_bucket{le=\"0.005\"} 2", lines);
        Assert.Contains("pg_decision_duration_seconds_bucket{le=\"10\"} 2", lines);
        Assert.Contains("pg_decision_duration_seconds_bucket{le=\"+Inf\"} 3", lines);
        Assert.Contains("pg_decision_duration_seconds_count 3", lines);
        Assert.Single(lines, l => l.StartsWith("pg_decision_duration_seconds_sum 30.003", StringComparison.Ordinal));
    }

    [Fact]
    public void Gauge_ShowsTheValueAtScrapeTime()
    {
        var value = 5;
        _meter.CreateObservableGauge("pg.calls.active", () => value);

        Assert.Contains("pg_calls_active 5", _exporter.Render().Split('\n'));
        value = 2;
        Assert.Contains("pg_calls_active 2", _exporter.Render().Split('\n'));
    }

    [Fact]
    public void OtherMeters_AreNotExported()
    {
        using var other = new Meter("not-ours." + Guid.NewGuid().ToString("N"));
        other.CreateCounter<long>("pg.secret").Add(1);

        Assert.DoesNotContain("pg_secret", _exporter.Render(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _exporter.Dispose();
        _meter.Dispose();
    }
}
