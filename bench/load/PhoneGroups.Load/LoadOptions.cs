using System.Globalization;

namespace PhoneGroups.Load;

/// <summary>The command line of the load tool; every value is bounded so a run always ends.</summary>
public sealed record LoadOptions
{
    /// <summary>Calls per path (dialplan, controller) and per concurrency.</summary>
    public int Calls { get; init; } = 300;

    /// <summary>The concurrencies to measure, one after the other.</summary>
    public IReadOnlyList<int> Concurrency { get; init; } = [1, 8];

    /// <summary>Blocks per path, alternated (dialplan, controller, dialplan, ...) so drift of a shared machine hits both.</summary>
    public int Rounds { get; init; } = 3;

    /// <summary>
    /// Uncounted calls per path before each concurrency (JIT, Asterisk's caches). The controller's .NET code
    /// is still being compiled to its final tier for a few hundred calls: a larger value measures a controller
    /// that has been up a while.
    /// </summary>
    public int Warmup { get; init; } = 20;

    /// <summary>How long a bridged call is held before the caller hangs up.</summary>
    public int HoldMilliseconds { get; init; }

    /// <summary>Calls started per second at most (0: as fast as the workers go).</summary>
    public int Rate { get; init; }

    /// <summary>The dialplan context of the baseline (installed by calls.sh) and of the controller path.</summary>
    public string DialplanContext { get; init; } = "phonegroups-load-dialplan";

    public string ControllerContext { get; init; } = "phonegroups-test";

    /// <summary>Caller and callee of the load policy (bench/load/load-policy.yaml).</summary>
    public string From { get; init; } = "2001";

    public string To { get; init; } = "2098";

    /// <summary>Only this path ("dialplan", "controller" or "both").</summary>
    public string Paths { get; init; } = "both";

    /// <summary>A CSV of every post-dial delay (path, concurrency, ms) for plots; none when empty.</summary>
    public string? SamplesPath { get; init; }

    /// <summary>An SVG of the post-dial delay distribution (dialplan against controller, per concurrency); none when empty.</summary>
    public string? PlotPath { get; init; }

    /// <summary>The plot's title (e.g. which build ran).</summary>
    public string PlotTitle { get; init; } = "Post-dial delay: pure dialplan against the controller";

    /// <summary>"calls" (dialplan against controller), "soak" (bench/load/soak.sh) or "plot" (an SVG from --samples).</summary>
    public string Mode { get; init; } = "calls";

    /// <summary>The controller's process id, for its RSS and GC pauses in a soak (0: not measured).</summary>
    public int ControllerPid { get; init; }

    /// <summary>A soak prints one line per this many calls.</summary>
    public int ReportEvery { get; init; } = 10_000;

    public string AriUrl { get; init; } = "http://127.0.0.1:8088";

    public string AriUser { get; init; } = "phonegroups";

    public string AriPassword { get; init; } = "phonegroups";

    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LoadOptions();
        if (args.Count > 0 && args[0] == "soak")
        {
            options = options with { Mode = "soak", Calls = 100_000, Concurrency = [16] };
            args = args.Skip(1).ToArray();
        }

        else if (args.Count > 0 && args[0] == "plot")
        {
            options = options with { Mode = "plot" };
            args = args.Skip(1).ToArray();
        }

        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{name} needs a value");
            }

            var value = args[++i];
            options = name switch
            {
                "--calls" => options with { Calls = Bounded(name, value, 1, 1_000_000) },
                "--concurrency" => options with { Concurrency = value.Split(',').Select(v => Bounded(name, v, 1, 2000)).ToArray() },
                "--rounds" => options with { Rounds = Bounded(name, value, 1, 100) },
                "--warmup" => options with { Warmup = Bounded(name, value, 0, 100_000) },
                "--hold-ms" => options with { HoldMilliseconds = Bounded(name, value, 0, 600_000) },
                "--controller-pid" => options with { ControllerPid = Bounded(name, value, 1, int.MaxValue) },
                "--report-every" => options with { ReportEvery = Bounded(name, value, 1, 1_000_000) },
                "--rate" => options with { Rate = Bounded(name, value, 1, 10_000) },
                "--from" => options with { From = value },
                "--to" => options with { To = value },
                "--paths" => value is "both" or "dialplan" or "controller" ? options with { Paths = value } : throw new ArgumentException($"--paths: '{value}' is not both, dialplan or controller"),
                "--samples" => options with { SamplesPath = value },
                "--plot" => options with { PlotPath = value },
                "--plot-title" => options with { PlotTitle = value },
                "--ari-url" => options with { AriUrl = LoopbackOnly(value) },
                "--ari-password" => options with { AriPassword = value },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }

        if (options.Mode == "plot" && (options.SamplesPath is null || options.PlotPath is null))
        {
            throw new ArgumentException("plot needs --samples FILE.csv (from an earlier run) and --plot FILE.svg");
        }

        return options;
    }

    private static int Bounded(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name}: '{value}' is not a number from {min} to {max}");

    // The tool loads a PBX on purpose: it never talks to anything but this machine.
    private static string LoopbackOnly(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && System.Net.IPAddress.TryParse(uri.Host, out var ip) && System.Net.IPAddress.IsLoopback(ip)
            ? url
            : throw new ArgumentException($"--ari-url: '{url}' is not a 127.x address");
}
