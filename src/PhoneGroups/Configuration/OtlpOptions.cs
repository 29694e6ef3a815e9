namespace PhoneGroups.Configuration;

/// <summary>Pushing the metrics to an OpenTelemetry collector (configuration section <c>Otlp</c>).</summary>
public sealed class OtlpOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Otlp";

    /// <summary>
    /// The collector, e.g. <c>http://127.0.0.1:4318</c> (http/protobuf; <c>/v1/metrics</c> is added when the
    /// address has no path) or <c>http://127.0.0.1:4317</c> (grpc). Empty: no OTLP export.
    /// </summary>
    public string Endpoint { get; set; } = string.Empty;

    /// <summary><c>http/protobuf</c> or <c>grpc</c>.</summary>
    public string Protocol { get; set; } = "http/protobuf";

    /// <summary>How often metrics are pushed, in seconds.</summary>
    public int IntervalSeconds { get; set; } = 15;

    public bool Enabled => !string.IsNullOrWhiteSpace(Endpoint);

    /// <summary>The address the exporter posts to.</summary>
    public Uri ExportAddress()
    {
        var uri = new Uri(Endpoint);
        return Protocol == "http/protobuf" && uri.AbsolutePath == "/" ? new Uri(uri, "v1/metrics") : uri;
    }
}
