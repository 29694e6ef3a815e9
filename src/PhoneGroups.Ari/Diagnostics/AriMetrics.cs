using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;

namespace PhoneGroups.Ari.Diagnostics;

/// <summary>
/// The ARI client's instruments (meter <c>PhoneGroups.Ari</c>). Tags come from small fixed sets: the
/// HTTP method, the status class and the transport (http, websocket), never a path (paths hold channel ids).
/// </summary>
public static class AriMetrics
{
    public const string MeterName = "PhoneGroups.Ari";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> RequestDuration = Meter.CreateHistogram<double>(
        "phonegroups.ari.request.duration", "s", "Time from sending an ARI request to its answer");

    private static readonly Counter<long> RequestErrors = Meter.CreateCounter<long>(
        "phonegroups.ari.request.errors", description: "ARI requests that failed (error status, timeout, connection)");

    private static readonly Counter<long> Reconnects = Meter.CreateCounter<long>(
        "phonegroups.ari.reconnects", description: "Event connections made again after one was lost");

    private static readonly Counter<long> Replacements = Meter.CreateCounter<long>(
        "phonegroups.ari.replacements", description: "Times another connection took the Stasis application (ApplicationReplaced)");

    private static readonly Counter<long> Events = Meter.CreateCounter<long>(
        "phonegroups.ari.events", description: "Events received from Asterisk, by type (Asterisk's own small set of names) and Stasis application");

    /// <summary>The <c>transport</c> tag of a request sent over HTTP.</summary>
    public const string Http = "http";

    /// <summary>The <c>transport</c> tag of a request sent on the events WebSocket.</summary>
    public const string WebSocket = "websocket";

    /// <summary>A request answered (any status) or failed without answer (<paramref name="status"/> null).</summary>
    public static void RequestCompleted(HttpMethod method, HttpStatusCode? status, TimeSpan elapsed, string transport = Http)
    {
        var tags = new TagList { { "method", method.Method }, { "status", StatusClass(status) }, { "transport", transport } };
        RequestDuration.Record(elapsed.TotalSeconds, tags);
        if (status is null || (int)status >= 400)
        {
            RequestErrors.Add(1, tags);
        }
    }

    public static void Reconnected() => Reconnects.Add(1);

    /// <summary>An event of <paramref name="type"/> for <paramref name="application"/> came in on the events WebSocket.</summary>
    public static void EventReceived(string type, string? application) =>
        Events.Add(1, new KeyValuePair<string, object?>("type", type), new KeyValuePair<string, object?>("application", application ?? "unknown"));

    public static void Replaced() => Replacements.Add(1);

    /// <summary>2xx, 4xx, 5xx…, or "none" when no answer came.</summary>
    public static string StatusClass(HttpStatusCode? status) => status is { } code ? $"{(int)code / 100}xx" : "none";
}
