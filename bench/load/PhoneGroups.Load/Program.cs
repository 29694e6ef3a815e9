// The call load tool (bench/load/calls.sh starts Asterisk and the controller, then runs this): for each
// concurrency, the same calls through a pure-dialplan Dial() and through the controller, in alternating
// blocks, then one JSON line per path with the controller's ratios against the dialplan.
using System.Globalization;
using System.Reactive.Linq;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PhoneGroups.Ari.Configuration;
using PhoneGroups.Ari.Connection;
using PhoneGroups.Ari.Rest;
using PhoneGroups.Load;

LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine("usage: phonegroups-load [soak|plot] [--calls 300] [--concurrency 1,8] [--rounds 3] [--warmup 20] [--hold-ms 0] [--rate N] [--paths both|dialplan|controller] [--samples FILE.csv] [--plot FILE.svg] [--plot-title TEXT] [--controller-pid PID] [--report-every 10000]");
    return 2;
}

if (options.Mode == "plot")
{
    // An SVG from the samples CSV of an earlier run: no Asterisk needed.
    var rows = (await File.ReadAllLinesAsync(options.SamplesPath!)).Skip(1).Select(line => line.Split(','))
        .Where(f => f.Length == 3).Select(f => (Path: f[0], Concurrency: int.Parse(f[1], CultureInfo.InvariantCulture), Ms: double.Parse(f[2], CultureInfo.InvariantCulture)));
    var series = rows.GroupBy(r => (r.Path, r.Concurrency)).OrderBy(g => g.Key.Concurrency)
        .Select(g => (g.Key.Path, g.Key.Concurrency, (IReadOnlyList<double>)g.Select(r => r.Ms).ToArray())).ToList();
    await File.WriteAllTextAsync(options.PlotPath!, PddPlot.Svg(series, options.PlotTitle));
    return 0;
}

var ariOptions = new AriOptions
{
    Url = options.AriUrl,
    User = options.AriUser,
    Password = options.AriPassword,
    App = "phonegroups-load",
    SubscribeAll = true, // sees the bridges Dial() makes as well as the controller's
    MaxReconnectDelaySeconds = 1,
};
// At most 64 HTTP connections: Asterisk refuses sessions beyond http.conf's sessionlimit (100 by default),
// and a load of 1,000 calls must not be refused by the tool's own burst of originates.
using var ari = new AriRestClient(new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }), Options.Create(ariOptions),
    NullLogger<AriRestClient>.Instance, ownsHttp: true);
await using var events = new AriEventConnection(Options.Create(ariOptions), NullLogger<AriEventConnection>.Instance);
var tracker = new CallTracker();
using var subscription = events.Events.Subscribe(tracker.OnEvent);
events.Start();
await events.States.FirstAsync(s => s.IsConnected).Timeout(TimeSpan.FromSeconds(10));

if (options.Mode == "soak")
{
    return await new SoakRun(ari, tracker, options).RunAsync() ? 0 : 1;
}

var runner = new LoadRunner(ari, tracker, options);
var json = new JsonSerializerOptions { WriteIndented = false };
using var samples = options.SamplesPath is null ? null : new StreamWriter(options.SamplesPath);
samples?.WriteLine("path,concurrency,pdd_ms");
var failed = false;
var plotted = new List<(string Path, int Concurrency, IReadOnlyList<double> Delays)>();
foreach (var concurrency in options.Concurrency)
{
    var paths = options.Paths switch
    {
        "dialplan" => new[] { ("dialplan", options.DialplanContext) },
        "controller" => [("controller", options.ControllerContext)],
        _ => [("dialplan", options.DialplanContext), ("controller", options.ControllerContext)],
    };
    var outcomes = paths.ToDictionary(p => p.Item1, _ => new List<CallOutcome>());
    var elapsed = paths.ToDictionary(p => p.Item1, _ => TimeSpan.Zero);
    var peaks = paths.ToDictionary(p => p.Item1, _ => 0);
    // A few warm-up calls per path first (JIT, Asterisk's caches), not counted and not held.
    foreach (var (path, context) in paths)
    {
        await runner.RunAsync(context, options.Warmup, Math.Min(8, concurrency), hold: false);
    }

    for (var round = 0; round < options.Rounds; round++)
    {
        var calls = options.Calls / options.Rounds + (round < options.Calls % options.Rounds ? 1 : 0);
        foreach (var (path, context) in paths)
        {
            var (done, took) = await runner.RunAsync(context, calls, concurrency);
            outcomes[path].AddRange(done);
            peaks[path] = Math.Max(peaks[path], runner.PeakBridged);
            elapsed[path] += took;
        }
    }

    var leftovers = await LeftoversAsync(ari);
    PathResult? baseline = null;
    foreach (var (path, _) in paths)
    {
        var result = PathResult.From(path, concurrency, outcomes[path], elapsed[path]) with { Leftovers = leftovers, PeakBridged = peaks[path] };
        if (path == "dialplan")
        {
            baseline = result;
        }
        else if (baseline is not null)
        {
            result = result.AgainstBaseline(baseline);
        }

        failed |= result.Failed > 0 || leftovers > 0;
        Console.WriteLine(JsonSerializer.Serialize(result, json));
        plotted.Add((path, concurrency, outcomes[path].Where(o => o.Bridged).Select(o => o.PostDialDelayMs).ToArray()));
        foreach (var o in outcomes[path].Where(o => o.Bridged))
        {
            samples?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path},{concurrency},{o.PostDialDelayMs:F3}"));
        }
    }
}

if (options.PlotPath is not null)
{
    await File.WriteAllTextAsync(options.PlotPath, PddPlot.Svg(plotted, options.PlotTitle));
}

return failed ? 1 : 0;

// Channels and bridges still in Asterisk once every call of the run has ended (waits up to 10 s).
static async Task<int> LeftoversAsync(IAriClient ari)
{
    var deadline = DateTime.UtcNow.AddSeconds(10);
    while (true)
    {
        var left = (await ari.ListChannelsAsync()).Count + (await ari.ListBridgesAsync()).Count;
        if (left == 0 || DateTime.UtcNow > deadline)
        {
            return left;
        }

        await Task.Delay(100);
    }
}
